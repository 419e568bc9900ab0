import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  type PromotionRequestDetails,
  type PromotionUserAction,
  promotionsRequestRetryPermission,
} from '@portico/plugin-promotions-common';
import type { PromotionSettings } from '../../config';
import type { Caller } from '../access';
import type { PromotionTransactions } from '../PromotionTransactions';
import type { PromotionReader } from '../requests/PromotionReader';
import { transitionFor } from '../stateMachine';
import { requireOpenWindow } from '../windows/requireOpenWindow';
import type { DeploymentStarter } from './DeploymentStarter';

/** A new deployment attempt on the same approval, only within the retry window. */
export class RetryService {
  constructor(
    private readonly options: {
      reader: PromotionReader;
      transactions: PromotionTransactions;
      deployments: DeploymentStarter;
      auditor: AuditorService;
      settings: PromotionSettings;
      now: () => number;
    },
  ) {}

  async retry(
    caller: Caller,
    id: string,
    comment?: string,
  ): Promise<PromotionRequestDetails> {
    const { reader, transactions, deployments, settings } = this.options;
    return this.audited(caller, id, 'retry', async () => {
      caller.require(promotionsRequestRetryPermission);
      const record = await reader.record(id);
      transitionFor(record.state, 'retry');
      if (
        record.requestedBy !== caller.userRef &&
        !caller.mayRequestFor(record.tenant)
      ) {
        throw new NotAllowedError(
          `Only the requester, DevOps or approvers of tenant '${record.tenant}' can retry this deployment`,
        );
      }
      const now = this.options.now();
      const closesAt = (record.approvedAt ?? 0) + settings.retryWindowMs;
      if (now > closesAt) {
        throw new ConflictError(
          `The request is FAILED and its retry window closed at ${new Date(
            closesAt,
          ).toISOString()}; make a new request to deploy again`,
        );
      }
      requireOpenWindow(record, this.options.now(), 'retried');
      await transactions.run(async change => {
        await deployments.start(
          change,
          record,
          'retry',
          caller.userRef,
          caller.userRef,
          now,
          comment,
        );
      });
      return reader.detailsOf(caller, id);
    });
  }

  /** Records the attempt with the auditor, refused ones included. */
  private async audited<T>(
    caller: Caller,
    id: string,
    action: PromotionUserAction,
    fn: () => Promise<T>,
  ): Promise<T> {
    const event = await this.options.auditor.createEvent({
      eventId: 'promotion-decision',
      severityLevel: 'medium',
      meta: { requestId: id, action, actor: caller.userRef },
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}
