import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PromotionSettings } from '../config';
import type {
  AttemptRecord,
  PromotionDatabase,
} from '../database/PromotionStore';
import type { DeploymentExecutor } from './executors/DeploymentExecutor';
import type { DeploymentProgressService } from './deployments/DeploymentProgressService';
import { SYSTEM_ACTOR } from './events';
import type { ChangeWindowService } from './windows/ChangeWindowService';

/** Attempts looked at per pass; the rest wait for the next one. */
const BATCH = 50;

/** How long a claimed start may take before another pass starts the attempt again. */
const START_GRACE_MS = 2 * 60_000;

/**
 * One pass of the deployment follower (a scheduled task, one runner across replicas): starts
 * the attempts the built-in executor has not started yet, reads the scaffolder tasks of the
 * running ones, and fails every attempt that has had no answer within the deployment timeout.
 * Everything it needs is in the database, so a restarted backend picks up where it left.
 */
export class DeploymentFollower {
  constructor(
    private readonly options: {
      db: PromotionDatabase;
      windows: ChangeWindowService;
      progress: DeploymentProgressService;
      executors: Record<string, DeploymentExecutor>;
      settings: PromotionSettings;
      logger: LoggerService;
      clock?: () => number;
    },
  ) {}

  async runOnce(): Promise<void> {
    const { db, windows, progress, executors, settings, logger } = this.options;
    const now = (this.options.clock ?? Date.now)();
    try {
      await windows.applyDue(BATCH);
    } catch (error) {
      logger.warn(`Change windows: ${(error as Error).message}`);
    }
    for (const attempt of await db.attempts.unfinished(BATCH)) {
      try {
        const executor = executors[attempt.executor];
        if (now - attempt.createdAt > settings.deploymentTimeoutMs) {
          await this.timeOut(attempt, executor);
          continue;
        }
        if (!executor) continue;
        if (attempt.status === 'requested') {
          await this.start(attempt, executor, now);
        } else if (attempt.status === 'running' && executor.poll) {
          const polled = await executor.poll(attempt);
          if (polled.status !== 'running') {
            await progress.applyProgress(attempt, polled, SYSTEM_ACTOR);
          }
        }
      } catch (error) {
        // One attempt's trouble (a conflict with a concurrent report, the scaffolder down)
        // must not stop the others; the next pass tries again.
        logger.warn(
          `Deployment attempt ${attempt.id} of request ${attempt.requestId}: ${
            (error as Error).message
          }`,
        );
      }
    }
  }

  /**
   * Stops the deployment first (cancels the task, or tells the external executor in the same
   * transaction as the failure), so that nothing deploys after the attempt is FAILED. A cancel
   * that fails leaves the attempt for the next pass.
   */
  private async timeOut(
    attempt: AttemptRecord,
    executor: DeploymentExecutor | undefined,
  ) {
    const { progress, settings } = this.options;
    if (executor?.cancel && attempt.taskId) await executor.cancel(attempt);
    const minutes = Math.round(settings.deploymentTimeoutMs / 60_000);
    await progress.applyProgress(
      attempt,
      {
        status: 'failed',
        message: `Timed out: no answer from the ${
          attempt.executor
        } executor within ${minutes} minute(s)${
          attempt.taskId ? `; task ${attempt.taskId} was cancelled` : ''
        }`,
        cancelExternal: attempt.executor === 'external',
      },
      SYSTEM_ACTOR,
    );
  }

  /**
   * Starts a requested attempt at most once: the start is claimed in the database before the
   * executor is asked, and the attempt id is the key the task's first step binds itself with
   * (promotions:attempt:verify). After a crash between creating the task and recording it, the
   * next passes find the claim and wait; the task binds the attempt and is adopted here. Only a
   * claim older than the grace period starts again, and of two tasks only the bound one deploys.
   */
  private async start(
    attempt: AttemptRecord,
    executor: DeploymentExecutor,
    now: number,
  ) {
    const { db, progress, settings } = this.options;
    if (attempt.taskId) {
      await progress.markStarted(attempt, {
        taskId: attempt.taskId,
        logsUrl: executor.taskLink?.(attempt.taskId),
      });
      return;
    }
    const request = await db.requests.get(attempt.requestId);
    const template =
      request && settings.targets.get(request.toEnvironment)?.template;
    if (!request || !template) return;
    if (!(await db.attempts.claimStart(attempt.id, now, now - START_GRACE_MS)))
      return;
    let started;
    try {
      started = await executor.start(request, attempt, template);
    } catch (error) {
      await progress.applyProgress(
        attempt,
        {
          status: 'failed',
          message: `The ${attempt.executor} executor could not start: ${
            (error as Error).message
          }`,
        },
        SYSTEM_ACTOR,
      );
      return;
    }
    if (started && !(await progress.markStarted(attempt, started))) {
      // Another task bound the attempt first: this one stops at its first step; stop it now.
      await executor.cancel?.({ ...attempt, taskId: started.taskId });
    }
  }
}
