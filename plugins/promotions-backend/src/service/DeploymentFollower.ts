import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PromotionSettings } from '../config';
import type { PromotionDatabase } from '../database/PromotionStore';
import type { DeploymentExecutor } from './executors/DeploymentExecutor';
import { PromotionService, SYSTEM_ACTOR } from './PromotionService';

/** Attempts looked at per pass; the rest wait for the next one. */
const BATCH = 50;

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
      service: PromotionService;
      executors: Record<string, DeploymentExecutor>;
      settings: PromotionSettings;
      logger: LoggerService;
      clock?: () => number;
    },
  ) {}

  async runOnce(): Promise<void> {
    const { db, service, executors, settings, logger } = this.options;
    const now = (this.options.clock ?? Date.now)();
    for (const attempt of await db.attempts.unfinished(BATCH)) {
      try {
        const executor = executors[attempt.executor];
        if (now - attempt.createdAt > settings.deploymentTimeoutMs) {
          const minutes = Math.round(settings.deploymentTimeoutMs / 60_000);
          await service.applyProgress(
            attempt,
            {
              status: 'failed',
              message: `Timed out: no answer from the ${attempt.executor} executor within ${minutes} minute(s)`,
            },
            SYSTEM_ACTOR,
          );
          continue;
        }
        if (!executor) continue;
        if (attempt.status === 'requested') {
          const request = await db.requests.get(attempt.requestId);
          const template = request && settings.targets.get(request.toEnvironment)?.template;
          if (!request || !template) continue;
          let started;
          try {
            started = await executor.start(request, attempt, template);
          } catch (error) {
            await service.applyProgress(
              attempt,
              { status: 'failed', message: `The ${attempt.executor} executor could not start: ${(error as Error).message}` },
              SYSTEM_ACTOR,
            );
            continue;
          }
          if (started) await service.markStarted(attempt, started);
        } else if (attempt.status === 'running' && executor.poll) {
          const progress = await executor.poll(attempt);
          if (progress.status !== 'running') {
            await service.applyProgress(attempt, progress, SYSTEM_ACTOR);
          }
        }
      } catch (error) {
        // One attempt's trouble (a conflict with a concurrent report, the scaffolder down)
        // must not stop the others; the next pass tries again.
        logger.warn(`Deployment attempt ${attempt.id} of request ${attempt.requestId}: ${(error as Error).message}`);
      }
    }
  }
}
