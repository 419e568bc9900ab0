import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { AttemptRecord, PromotionRecord } from '../../database/PromotionStore';
import type { DeploymentExecutor, ExecutorProgress } from './DeploymentExecutor';

/** Statuses of a scaffolder task (`GET /v2/tasks/:id`). */
type TaskStatus = 'open' | 'processing' | 'completed' | 'failed' | 'cancelled' | 'skipped';

/**
 * The built-in executor: runs the target environment's template through the scaffolder's REST
 * API (`POST /v2/tasks`) as the promotions plugin itself, with the request as the template's
 * parameters, and reads the task (`GET /v2/tasks/:id`) until it ends. The task id is stored on
 * the attempt, so a restarted backend keeps following it.
 */
export class ScaffolderExecutor implements DeploymentExecutor {
  readonly kind = 'scaffolder' as const;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      /** The portal's URL, for a link to the task's page. */
      appBaseUrl?: string;
    },
  ) {}

  async start(request: PromotionRecord, attempt: AttemptRecord, template: string) {
    const response = await this.call('POST', '/v2/tasks', {
      templateRef: template,
      values: {
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
      },
    });
    const { id } = (await response.json()) as { id: string };
    return { taskId: id, logsUrl: this.taskLink(id) };
  }

  async poll(attempt: AttemptRecord): Promise<ExecutorProgress> {
    if (!attempt.taskId) {
      return { status: 'failed', message: 'The attempt has no scaffolder task' };
    }
    const response = await this.call('GET', `/v2/tasks/${encodeURIComponent(attempt.taskId)}`);
    const task = (await response.json()) as { status: TaskStatus };
    const logsUrl = this.taskLink(attempt.taskId);
    switch (task.status) {
      case 'completed':
        return { status: 'succeeded', logsUrl, message: 'The deployment template completed' };
      case 'failed':
      case 'cancelled':
        return { status: 'failed', logsUrl, message: `The deployment template's task ${task.status}` };
      default:
        return { status: 'running', logsUrl };
    }
  }

  /** `POST /v2/tasks/:id/cancel`; a task the scaffolder does not know runs nothing. */
  async cancel(attempt: AttemptRecord): Promise<void> {
    if (!attempt.taskId) return;
    try {
      await this.call('POST', `/v2/tasks/${encodeURIComponent(attempt.taskId)}/cancel`);
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) return;
      throw error;
    }
  }

  taskLink(taskId: string): string {
    return `${this.options.appBaseUrl ?? ''}/create/tasks/${taskId}`;
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
