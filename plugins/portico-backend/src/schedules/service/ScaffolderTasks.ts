import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

export type TaskOutcome = { status: 'running' } | { status: 'succeeded' } | { status: 'failed'; message: string } | { status: 'gone' };

/** Starts and reads scaffolder tasks through the scaffolder's REST API as the portal's own principal. */
export interface ScheduleTaskRunner {
  start(templateRef: string, values: Record<string, unknown>): Promise<string>;
  outcome(taskId: string): Promise<TaskOutcome>;
}

export class ScaffolderTasks implements ScheduleTaskRunner {
  constructor(private readonly options: { discovery: DiscoveryService; auth: AuthService }) {}

  async start(templateRef: string, values: Record<string, unknown>): Promise<string> {
    const response = await this.call('POST', '/v2/tasks', { templateRef, values });
    const { id } = (await response.json()) as { id: string };
    return id;
  }

  async outcome(taskId: string): Promise<TaskOutcome> {
    const response = await this.call('GET', `/v2/tasks/${encodeURIComponent(taskId)}`, undefined, [404]);
    if (response.status === 404) return { status: 'gone' };
    const task = (await response.json()) as { status: string };
    switch (task.status) {
      case 'completed':
        return { status: 'succeeded' };
      case 'failed':
      case 'cancelled':
        return { status: 'failed', message: `The template's task ${task.status}` };
      default:
        return { status: 'running' };
    }
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown, accept: number[] = []): Promise<Response> {
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
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok && !accept.includes(response.status)) throw await ResponseError.fromResponse(response);
    return response;
  }
}
