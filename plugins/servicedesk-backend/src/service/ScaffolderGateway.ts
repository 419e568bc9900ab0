import type { AuthService, BackstageCredentials, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

export type TaskOutcome =
  | { status: 'running' }
  | { status: 'completed'; output: Record<string, unknown> }
  | { status: 'failed'; error: string };

/** Starts scaffolder tasks and reads how they ended, through the scaffolder's REST API. */
export interface ScaffolderGateway {
  /**
   * Starts `templateRef` as the service desk itself: auto-fulfilment templates act with the
   * service desk's authority and are runnable by it alone (their first step checks the ticket).
   */
  startTask(templateRef: string, values: Record<string, unknown>): Promise<string>;
  /** Read as the service desk itself, so that following a task survives restarts. */
  outcome(taskId: string): Promise<TaskOutcome>;
}

interface TaskEvent {
  type: string;
  body: { message?: string; output?: Record<string, unknown>; error?: { message?: string } };
}

export class HttpScaffolderGateway implements ScaffolderGateway {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  private async call(credentials: BackstageCredentials, path: string, init: RequestInit = {}) {
    const { token } = await this.auth.getPluginRequestToken({ onBehalfOf: credentials, targetPluginId: 'scaffolder' });
    const baseUrl = await this.discovery.getBaseUrl('scaffolder');
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }

  async startTask(templateRef: string, values: Record<string, unknown>) {
    const own = await this.auth.getOwnServiceCredentials();
    const body = await this.call(own, '/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({ templateRef, values }),
    });
    return String(body.id);
  }

  async outcome(taskId: string): Promise<TaskOutcome> {
    const own = await this.auth.getOwnServiceCredentials();
    const task = await this.call(own, `/v2/tasks/${encodeURIComponent(taskId)}`);
    if (task.status !== 'completed' && task.status !== 'failed' && task.status !== 'cancelled') {
      return { status: 'running' };
    }
    const events: TaskEvent[] = await this.call(own, `/v2/tasks/${encodeURIComponent(taskId)}/events`);
    const completion = [...events].reverse().find(e => e.type === 'completion' || e.type === 'cancelled');
    if (task.status === 'completed') {
      return { status: 'completed', output: completion?.body.output ?? {} };
    }
    return {
      status: 'failed',
      error:
        completion?.body.error?.message ??
        completion?.body.message ??
        (task.status === 'cancelled' ? 'The task was cancelled' : 'The task failed'),
    };
  }
}

/** The task's log page in the portal. */
export function taskLogPath(taskId: string): string {
  return `/create/tasks/${encodeURIComponent(taskId)}`;
}
