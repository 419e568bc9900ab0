import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ScaffolderTaskClient } from '@portico/portico-node';
import type {
  AttemptRecord,
  PromotionRecord,
} from '../../database/PromotionStore';
import type {
  DeploymentExecutor,
  ExecutorProgress,
} from './DeploymentExecutor';

/**
 * The built-in executor: runs the target environment's template through the scaffolder's REST
 * API (`POST /v2/tasks`) as the promotions plugin itself, with the request as the template's
 * parameters, and reads the task (`GET /v2/tasks/:id`) until it ends. The task id is stored on
 * the attempt, so a restarted backend keeps following it.
 */
export class ScaffolderExecutor implements DeploymentExecutor {
  readonly kind = 'scaffolder' as const;
  private readonly tasks: ScaffolderTaskClient;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      /** The portal's URL, for a link to the task's page. */
      appBaseUrl?: string;
    },
  ) {
    this.tasks = new ScaffolderTaskClient({
      discovery: options.discovery,
      auth: options.auth,
    });
  }

  async start(
    request: PromotionRecord,
    attempt: AttemptRecord,
    template: string,
  ) {
    const id = await this.tasks.startTask(template, {
      requestId: request.id,
      attemptId: attempt.id,
      attempt: attempt.number,
      componentRef: request.componentRef,
      version: request.version,
      ...(request.gitRef ? { gitRef: request.gitRef } : {}),
      fromEnvironment: request.fromEnvironment,
      toEnvironment: request.toEnvironment,
      tenant: request.tenant,
      requestedBy: request.requestedBy,
    });
    return { taskId: id, logsUrl: this.taskLink(id) };
  }

  async poll(attempt: AttemptRecord): Promise<ExecutorProgress> {
    if (!attempt.taskId) {
      return {
        status: 'failed',
        message: 'The attempt has no scaffolder task',
      };
    }
    const status = await this.tasks.taskStatus(attempt.taskId);
    const logsUrl = this.taskLink(attempt.taskId);
    switch (status) {
      case 'completed':
        return {
          status: 'succeeded',
          logsUrl,
          message: 'The deployment template completed',
        };
      case 'failed':
      case 'cancelled':
        return {
          status: 'failed',
          logsUrl,
          message: `The deployment template's task ${status}`,
        };
      case 'gone':
        // Not an end: the follower logs it and asks again on its next pass.
        throw new NotFoundError(`Scaffolder task ${attempt.taskId} not found`);
      default:
        return { status: 'running', logsUrl };
    }
  }

  /** `POST /v2/tasks/:id/cancel`; a task the scaffolder does not know runs nothing. */
  async cancel(attempt: AttemptRecord): Promise<void> {
    if (!attempt.taskId) return;
    await this.tasks.cancelTask(attempt.taskId);
  }

  taskLink(taskId: string): string {
    return `${this.options.appBaseUrl ?? ''}/create/tasks/${taskId}`;
  }
}
