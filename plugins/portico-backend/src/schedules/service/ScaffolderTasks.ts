import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ScaffolderTaskClient } from '@portico/portico-node';

export type TaskOutcome =
  | { status: 'running' }
  | { status: 'succeeded' }
  | { status: 'failed'; message: string }
  | { status: 'gone' };

/** Starts and reads scaffolder tasks through the scaffolder's REST API as the portal's own principal. */
export interface ScheduleTaskRunner {
  start(templateRef: string, values: Record<string, unknown>): Promise<string>;
  outcome(taskId: string): Promise<TaskOutcome>;
}

/** A scheduler tick must not hang on a scaffolder that does not answer. */
const REQUEST_TIMEOUT_MS = 30_000;

export class ScaffolderTasks implements ScheduleTaskRunner {
  private readonly client: ScaffolderTaskClient;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.client = new ScaffolderTaskClient({
      ...options,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  }

  start(templateRef: string, values: Record<string, unknown>): Promise<string> {
    return this.client.startTask(templateRef, values);
  }

  async outcome(taskId: string): Promise<TaskOutcome> {
    const status = await this.client.taskStatus(taskId);
    switch (status) {
      case 'completed':
        return { status: 'succeeded' };
      case 'failed':
      case 'cancelled':
        return { status: 'failed', message: `The template's task ${status}` };
      default:
        return { status };
    }
  }
}
