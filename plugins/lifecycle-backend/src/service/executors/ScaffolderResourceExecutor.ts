import { randomUUID } from 'node:crypto';
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { ScaffolderTaskClient } from '@portico/portico-node';
import type { ExecutionStore } from '../../database/ExecutionStore';
import type { Clock } from '../clock';
import type { ResourceExecutor } from './ResourceExecutor';

/**
 * The built-in executor: runs the resource type's template (`lifecycle.resourceTypes.<type>`) through
 * the scaffolder's REST API as the lifecycle plugin's own principal, and reads the task until it ends.
 * A type with no template for an operation records the operation as done at once.
 */
export class ScaffolderResourceExecutor implements ResourceExecutor {
  private readonly tasks: ScaffolderTaskClient;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      templates: (
        type: string | undefined,
        operation: 'provision' | 'teardown',
      ) => string | undefined;
      /** Records each run so that the template's verify step can bind its task to it. */
      executions: ExecutionStore;
      clock: Clock;
    },
  ) {
    this.tasks = new ScaffolderTaskClient({
      discovery: options.discovery,
      auth: options.auth,
    });
  }

  async start(
    operation: 'provision' | 'teardown',
    resource: Parameters<ResourceExecutor['start']>[1],
    parameters?: Record<string, string | number | boolean>,
  ) {
    const template = this.options.templates(resource.type, operation);
    if (!template) {
      return {
        status: 'succeeded' as const,
        message: `No ${operation} template for type ${
          resource.type ?? '(none)'
        }: recorded only`,
      };
    }
    const executionId = randomUUID();
    await this.options.executions.insert({
      id: executionId,
      operation,
      entityRef: resource.entityRef.toLocaleLowerCase('en-US'),
      templateRef: template.toLocaleLowerCase('en-US'),
      createdAt: this.options.clock.now(),
    });
    let id: string;
    try {
      id = await this.tasks.startTask(template, {
        entityRef: resource.entityRef,
        type: resource.type ?? '',
        owner: resource.owner ?? '',
        environment: resource.environment ?? '',
        costCenter: resource.costCenter ?? '',
        project: resource.project ?? '',
        ...parameters,
        // Last, so that no caller's parameter can name another execution.
        executionId,
      });
    } catch (error) {
      // No run to bind: the record goes, so nothing is left half made. Should the task have
      // started after all (an answer lost on the way), its verify step finds no execution and
      // the task stops before it provisions anything.
      await this.options.executions.delete(executionId);
      throw new ServiceUnavailableError(
        `The scaffolder did not start ${template}: ${(error as Error).message}`,
      );
    }
    // The task's verify step may have bound itself already.
    await this.options.executions.bindTask(executionId, id);
    return {
      taskId: id,
      status: 'running' as const,
      message: `Started ${template}`,
    };
  }

  async poll(taskId: string) {
    const status = await this.tasks.taskStatus(taskId);
    switch (status) {
      case 'completed':
        return {
          status: 'succeeded' as const,
          message: 'The template completed',
        };
      case 'failed':
      case 'cancelled':
        return {
          status: 'failed' as const,
          message: `The template's task ${status}`,
        };
      case 'gone':
        // Not an end: the runner logs it and asks again on its next pass.
        throw new NotFoundError(`Scaffolder task ${taskId} not found`);
      default:
        return { status: 'running' as const };
    }
  }
}
