import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * Where a scaffolder task stands: `running` covers the scaffolder's `open`, `processing` and
 * `skipped`; `gone` is a task the scaffolder no longer knows (404).
 */
export type ScaffolderTaskStatus =
  | 'running'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'gone';

/** One entry of `GET /v2/tasks/:id/events`, as far as Portico reads it. */
export interface ScaffolderTaskEvent {
  type: string;
  body: {
    message?: string;
    output?: Record<string, unknown>;
    error?: { message?: string };
  };
}

/**
 * Starts, reads and cancels scaffolder tasks through the scaffolder's REST API as the calling
 * plugin's own service principal: templates that act with a plugin's authority are runnable by
 * that plugin alone, and a task followed this way survives restarts of the plugin. An answer the
 * scaffolder refuses is thrown as a `ResponseError` (with its status code), except where a
 * method says otherwise.
 */
export class ScaffolderTaskClient {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      /** Aborts a request that takes longer; without it, requests wait for the scaffolder. */
      timeoutMs?: number;
    },
  ) {}

  /** `POST /v2/tasks`; returns the new task's id. */
  async startTask(
    templateRef: string,
    values: Record<string, unknown>,
  ): Promise<string> {
    const response = await this.call('POST', '/v2/tasks', {
      body: { templateRef, values },
    });
    const { id } = (await response.json()) as { id: string };
    return String(id);
  }

  /** `GET /v2/tasks/:id`, mapped to the few statuses callers decide on. */
  async taskStatus(taskId: string): Promise<ScaffolderTaskStatus> {
    const response = await this.call('GET', taskPath(taskId), {
      accept404: true,
    });
    if (response.status === 404) return 'gone';
    const task = (await response.json()) as { status: string };
    switch (task.status) {
      case 'completed':
      case 'failed':
      case 'cancelled':
        return task.status;
      default:
        return 'running';
    }
  }

  /** `GET /v2/tasks/:id/events`: the task's log, where its output and error are. */
  async taskEvents(taskId: string): Promise<ScaffolderTaskEvent[]> {
    const response = await this.call('GET', `${taskPath(taskId)}/events`);
    return (await response.json()) as ScaffolderTaskEvent[];
  }

  /** `POST /v2/tasks/:id/cancel`; a task the scaffolder does not know runs nothing, so a 404 is done. */
  async cancelTask(taskId: string): Promise<void> {
    await this.call('POST', `${taskPath(taskId)}/cancel`, { accept404: true });
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; accept404?: boolean } = {},
  ): Promise<Response> {
    const { discovery, auth, timeoutMs } = this.options;
    const baseUrl = await discovery.getBaseUrl('scaffolder');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const { body } = options;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
    });
    if (response.ok || (options.accept404 && response.status === 404))
      return response;
    throw await ResponseError.fromResponse(response);
  }
}

function taskPath(taskId: string): string {
  return `/v2/tasks/${encodeURIComponent(taskId)}`;
}
