import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ScaffolderTaskClient } from '@portico/portico-node';

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
  startTask(
    templateRef: string,
    values: Record<string, unknown>,
  ): Promise<string>;
  /** Read as the service desk itself, so that following a task survives restarts. */
  outcome(taskId: string): Promise<TaskOutcome>;
}

/** The scaffolder's REST API, called as the service desk's own principal. */
export class HttpScaffolderGateway implements ScaffolderGateway {
  private readonly tasks: ScaffolderTaskClient;

  constructor(discovery: DiscoveryService, auth: AuthService) {
    this.tasks = new ScaffolderTaskClient({ discovery, auth });
  }

  startTask(templateRef: string, values: Record<string, unknown>) {
    return this.tasks.startTask(templateRef, values);
  }

  async outcome(taskId: string): Promise<TaskOutcome> {
    const status = await this.tasks.taskStatus(taskId);
    if (status === 'gone') {
      // Not an end: the follower logs it and asks again on its next pass.
      throw new NotFoundError(`Scaffolder task ${taskId} not found`);
    }
    if (status === 'running') return { status: 'running' };
    const events = await this.tasks.taskEvents(taskId);
    const completion = [...events]
      .reverse()
      .find(e => e.type === 'completion' || e.type === 'cancelled');
    if (status === 'completed') {
      return { status: 'completed', output: completion?.body.output ?? {} };
    }
    return {
      status: 'failed',
      error:
        completion?.body.error?.message ??
        completion?.body.message ??
        (status === 'cancelled' ? 'The task was cancelled' : 'The task failed'),
    };
  }
}

/** The task's log page in the portal. */
export function taskLogPath(taskId: string): string {
  return `/create/tasks/${encodeURIComponent(taskId)}`;
}
