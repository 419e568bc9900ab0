import { randomUUID } from 'node:crypto';
import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ExecutionStore } from '../../database/ExecutionStore';
import type { Clock } from '../clock';
import type { ResourceExecutor } from './ResourceExecutor';

type TaskStatus = 'open' | 'processing' | 'completed' | 'failed' | 'cancelled' | 'skipped';

/**
 * The built-in executor: runs the resource type's template (`lifecycle.resourceTypes.<type>`) through
 * the scaffolder's REST API as the lifecycle plugin's own principal, and reads the task until it ends.
 * A type with no template for an operation records the operation as done at once.
 */
export class ScaffolderResourceExecutor implements ResourceExecutor {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      templates: (type: string | undefined, operation: 'provision' | 'teardown') => string | undefined;
      /** Records each run so that the template's verify step can bind its task to it. */
      executions: ExecutionStore;
      clock: Clock;
    },
  ) {}

  async start(
    operation: 'provision' | 'teardown',
    resource: Parameters<ResourceExecutor['start']>[1],
    parameters?: Record<string, string | number | boolean>,
  ) {
    const template = this.options.templates(resource.type, operation);
    if (!template) {
      return { status: 'succeeded' as const, message: `No ${operation} template for type ${resource.type ?? '(none)'}: recorded only` };
    }
    const executionId = randomUUID();
    await this.options.executions.insert({
      id: executionId,
      operation,
      entityRef: resource.entityRef.toLocaleLowerCase('en-US'),
      templateRef: template.toLocaleLowerCase('en-US'),
      createdAt: this.options.clock.now(),
    });
    const response = await this.call('POST', '/v2/tasks', {
      templateRef: template,
      values: {
        entityRef: resource.entityRef,
        type: resource.type ?? '',
        owner: resource.owner ?? '',
        environment: resource.environment ?? '',
        costCenter: resource.costCenter ?? '',
        project: resource.project ?? '',
        ...parameters,
        // Last, so that no caller's parameter can name another execution.
        executionId,
      },
    });
    const { id } = (await response.json()) as { id: string };
    // The task's verify step may have bound itself already.
    await this.options.executions.bindTask(executionId, id);
    return { taskId: id, status: 'running' as const, message: `Started ${template}` };
  }

  async poll(taskId: string) {
    const response = await this.call('GET', `/v2/tasks/${encodeURIComponent(taskId)}`);
    const task = (await response.json()) as { status: TaskStatus };
    switch (task.status) {
      case 'completed':
        return { status: 'succeeded' as const, message: 'The template completed' };
      case 'failed':
      case 'cancelled':
        return { status: 'failed' as const, message: `The template's task ${task.status}` };
      default:
        return { status: 'running' as const };
    }
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const baseUrl = await this.options.discovery.getBaseUrl('scaffolder');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}
