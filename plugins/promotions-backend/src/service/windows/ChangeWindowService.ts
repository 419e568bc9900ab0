import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PromotionDatabase } from '../../database/PromotionStore';
import type { DeploymentStarter } from '../deployments/DeploymentStarter';
import { SYSTEM_ACTOR } from '../events';
import type { PromotionTransactions } from '../PromotionTransactions';

/**
 * The follower's pass over change windows: deploys APPROVED requests whose window opened,
 * expires those whose window closed before their deployment started (FAILED with the reason).
 */
export class ChangeWindowService {
  constructor(
    private readonly options: {
      db: PromotionDatabase;
      transactions: PromotionTransactions;
      deployments: DeploymentStarter;
      logger: LoggerService;
      now: () => number;
    },
  ) {}

  /** The number of requests changed; each in its own transaction. */
  async applyDue(limit = 50): Promise<number> {
    const { db, transactions, deployments, logger } = this.options;
    const now = this.options.now();
    let changed = 0;
    for (const record of await db.requests.dueForWindow(now, limit)) {
      try {
        await transactions.run(async change => {
          if (record.changeWindow && record.changeWindow.end < now) {
            await change.transition(record, 'expire', SYSTEM_ACTOR, now, {
              comment: `Expired: the change window closed at ${new Date(
                record.changeWindow.end,
              ).toISOString()} before the deployment started (it was ${
                record.state
              }); make a new request with a new window`,
            });
          } else {
            await deployments.start(
              change,
              record,
              'deploy',
              SYSTEM_ACTOR,
              record.requestedBy,
              now,
              'The change window opened',
            );
          }
        });
        changed++;
      } catch (error) {
        // A concurrent decision changed it first: the next pass sees the new state.
        logger.warn(
          `Change window of promotion request ${record.id}: ${
            (error as Error).message
          }`,
        );
      }
    }
    return changed;
  }
}
