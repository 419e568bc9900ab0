import { randomUUID } from 'crypto';
import { ConflictError } from '@backstage/errors';
import type { PromotionSettings } from '../../config';
import type {
  AttemptRecord,
  PromotionRecord,
} from '../../database/PromotionStore';
import type { PromotionChange } from '../PromotionTransactions';

/**
 * APPROVED -> DEPLOYING (deploy) or FAILED -> DEPLOYING (retry): a new attempt and a deploy
 * request, inside the caller's change (the approval, the retry, the opening of a window).
 */
export class DeploymentStarter {
  constructor(private readonly options: { settings: PromotionSettings }) {}

  async start(
    change: PromotionChange,
    record: PromotionRecord,
    action: 'deploy' | 'retry',
    actor: string,
    requestedBy: string,
    now: number,
    comment?: string,
  ): Promise<PromotionRecord> {
    const target = this.options.settings.targets.get(record.toEnvironment);
    if (!target)
      throw new ConflictError(
        `${record.toEnvironment} is no longer a target environment in config`,
      );
    const previous = await change.tx.attempts.forRequest(record.id);
    const attempt: AttemptRecord = {
      id: randomUUID(),
      requestId: record.id,
      number: previous.length + 1,
      executor: target.executor,
      status: 'requested',
      requestedBy,
      createdAt: now,
    };
    await change.tx.attempts.insert(attempt);
    return change.transition(record, action, actor, now, {
      comment,
      extra: {
        attemptId: attempt.id,
        attempt: attempt.number,
        executor: attempt.executor,
        ...(target.executor === 'scaffolder'
          ? { template: target.template }
          : {}),
        callback: `/api/promotions/requests/${record.id}/deployment`,
        rollbackPlan: record.rollbackPlan,
      },
    });
  }
}
