import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  AttemptRecord,
  PromotionDatabase,
} from '../../database/PromotionStore';
import type {
  PromotionTransactions,
  PromotionTx,
} from '../PromotionTransactions';
import { eventData } from '../views';

/** Where an attempt stands, as its executor (or the follower, on a timeout) tells it. */
export interface AttemptProgress {
  status: 'running' | 'succeeded' | 'failed';
  logsUrl?: string;
  message?: string;
  externalId?: string;
  /** Tell the external executor to stop (a timeout): a deploy-cancelled event in the same transaction. */
  cancelExternal?: boolean;
}

/**
 * The life of a deployment attempt after its start was requested: started, running, then
 * succeeded or failed, with the request moving DEPLOYING -> DEPLOYED or FAILED in the same
 * transaction. Shared by the external executor's callback and the follower of the built-in one.
 */
export class DeploymentProgressService {
  constructor(
    private readonly options: {
      db: PromotionDatabase;
      transactions: PromotionTransactions;
      now: () => number;
    },
  ) {}

  /**
   * Records the start of an attempt by the built-in executor (task id and link); false when
   * another task is bound to the attempt (that one runs it, this one stops at its first step).
   */
  async markStarted(
    attempt: AttemptRecord,
    started: { taskId: string; logsUrl?: string },
  ): Promise<boolean> {
    return this.options.db.attempts.markRunning(attempt.id, {
      ...started,
      startedAt: this.options.now(),
    });
  }

  /** Moves an attempt to running or to its end (and the request with it). */
  async applyProgress(
    attempt: AttemptRecord,
    progress: AttemptProgress,
    actor: string,
  ): Promise<'changed' | 'unchanged'> {
    if (attempt.status === progress.status) return 'unchanged';
    if (attempt.status === 'succeeded' || attempt.status === 'failed') {
      throw attemptFinished(attempt);
    }
    const now = this.options.now();
    return this.options.transactions.run(async change => {
      const { tx } = change;
      if (progress.status === 'running') {
        if (attempt.status !== 'requested') return 'unchanged' as const;
        const moved = await tx.attempts.update(attempt.id, 'requested', {
          status: 'running',
          startedAt: now,
          logsUrl: progress.logsUrl,
          externalId: progress.externalId,
        });
        return moved
          ? ('changed' as const)
          : recheck(tx, attempt, progress.status);
      }
      const finished = await tx.attempts.update(attempt.id, attempt.status, {
        status: progress.status,
        finishedAt: now,
        startedAt: attempt.startedAt ?? now,
        logsUrl: progress.logsUrl,
        message: progress.message,
        externalId: progress.externalId,
      });
      if (!finished) return recheck(tx, attempt, progress.status);
      const request = await tx.requests.get(attempt.requestId);
      if (!request)
        throw new NotFoundError(`No promotion request ${attempt.requestId}`);
      if (progress.cancelExternal) {
        await change.publish({
          topic: 'deploy-requests',
          type: 'deploy-cancelled',
          actor,
          subject: request.id,
          tenant: request.tenant,
          data: eventData(request, {
            attemptId: attempt.id,
            attempt: attempt.number,
            reason: progress.message,
          }),
        });
      }
      await change.transition(
        request,
        progress.status === 'succeeded' ? 'succeed' : 'fail',
        actor,
        now,
        {
          comment: progress.message,
          extra: {
            attemptId: attempt.id,
            attempt: attempt.number,
            executor: attempt.executor,
            logsUrl: progress.logsUrl ?? attempt.logsUrl,
          },
        },
      );
      return 'changed' as const;
    });
  }
}

/** Another report got there first: the same outcome is fine, another one is a conflict. */
async function recheck(
  tx: PromotionTx,
  attempt: AttemptRecord,
  wanted: string,
): Promise<'unchanged'> {
  const current = await tx.attempts.get(attempt.id);
  if (current?.status === wanted) return 'unchanged';
  if (
    current &&
    (current.status === 'succeeded' || current.status === 'failed')
  ) {
    throw attemptFinished(current);
  }
  throw new ConflictError(
    `Attempt ${attempt.number} changed meanwhile; it is now ${
      current?.status ?? 'gone'
    }`,
  );
}

function attemptFinished(attempt: AttemptRecord): ConflictError {
  return new ConflictError(
    `Attempt ${attempt.number} already ${attempt.status}${
      attempt.message ? ` (${attempt.message})` : ''
    }; a finished attempt does not change`,
  );
}
