import type { ExecutorKind } from '@portico/plugin-promotions-common';
import type { AttemptRecord, PromotionRecord } from '../../database/PromotionStore';

/** Where a started deployment stands. */
export type ExecutorProgress =
  | { status: 'running'; logsUrl?: string }
  | { status: 'succeeded' | 'failed'; message?: string; logsUrl?: string };

/**
 * Runs a deployment attempt. The built-in one starts a scaffolder task and is followed by the
 * deployment follower; the external one (AWX style) receives the deploy request from the
 * `deploy-requests` topic and reports back on `POST /requests/:id/deployment`.
 */
export interface DeploymentExecutor {
  kind: ExecutorKind;
  /** Starts the attempt; what it returns is stored on the attempt. Undefined: nothing to start (the executor calls back). */
  start(
    request: PromotionRecord,
    attempt: AttemptRecord,
    template: string,
  ): Promise<{ taskId: string; logsUrl?: string } | undefined>;
  /** Where a started attempt stands; undefined when the executor reports by itself. */
  poll?(attempt: AttemptRecord): Promise<ExecutorProgress>;
  /** Stops a started attempt (a timeout): resolves once it will deploy nothing more. */
  cancel?(attempt: AttemptRecord): Promise<void>;
  /** The page of a task, for a task the follower adopts after a lost start. */
  taskLink?(taskId: string): string;
}

/** The external executor: nothing to start or poll, it reports through the callback. */
export const externalExecutor: DeploymentExecutor = {
  kind: 'external',
  async start() {
    return undefined;
  },
};
