import { ConflictError, InputError } from '@backstage/errors';
import {
  type PromotionRequestDetails,
  promotionsRequestApprovePermission,
  promotionsRequestRejectPermission,
} from '@portico/plugin-promotions-common';
import { ApprovalRule } from '@portico/portico-node';
import type { PromotionSettings } from '../../config';
import type {
  ApprovalRecord,
  PromotionRecord,
} from '../../database/PromotionStore';
import type { Caller } from '../access';
import type { DeploymentStarter } from '../deployments/DeploymentStarter';
import { SYSTEM_ACTOR } from '../events';
import type { EvidenceService } from '../gates/EvidenceService';
import type { PromotionTransactions } from '../PromotionTransactions';
import type { PromotionReader } from '../requests/PromotionReader';
import { transitionFor } from '../stateMachine';
import { toRequestView } from '../views';
import { requireOpenWindow } from '../windows/requireOpenWindow';
import { PROMOTION_KIND, promotionApproval } from './promotionApproval';

/**
 * Approvals and rejections, through portico-node's ApprovalRule: never the requester, only CPI
 * of the tenant or CPI admin, N distinct approvers, every attempt audited, and exactly one
 * winner among concurrent decisions (each applies only to the revision it read). The last
 * approval starts the deployment in the same transaction, unless the change window is ahead.
 */
export class DecisionService {
  constructor(
    private readonly options: {
      reader: PromotionReader;
      transactions: PromotionTransactions;
      deployments: DeploymentStarter;
      approvalRule: ApprovalRule;
      evidence: EvidenceService;
      settings: PromotionSettings;
      now: () => number;
    },
  ) {}

  async approve(
    caller: Caller,
    id: string,
    comment?: string,
  ): Promise<PromotionRequestDetails> {
    const { reader, transactions, deployments, approvalRule } = this.options;
    return approvalRule.decide(
      {
        ...this.decision(caller, id, 'approve'),
        load: async () => {
          caller.require(promotionsRequestApprovePermission);
          const record = await reader.record(id);
          transitionFor(record.state, 'approve');
          requireOpenWindow(record, this.options.now(), 'approved');
          return {
            record,
            ...promotionApproval(record),
            recorded: await reader.approvalsOf(id),
          };
        },
      },
      async (tally, { record, subject, recorded }) => {
        await this.checkGates(record, [...(recorded ?? [])]);
        const now = this.options.now();
        await transactions.run(async change => {
          const { tx } = change;
          await tx.requests.addApproval(id, {
            approver: caller.userRef,
            comment,
            at: now,
          });
          if (!tally.complete) {
            // Not yet enough: the approval is recorded and the revision moves, so that two
            // concurrent "last" approvals cannot both count.
            if (
              !(await tx.requests.update(id, record.revision, {
                state: 'PENDING',
                at: now,
              }))
            ) {
              throw ApprovalRule.lostRace(
                subject,
                'approve',
                (await tx.requests.get(id))?.state,
              );
            }
            return;
          }
          const approved = await change.transition(
            record,
            'approve',
            caller.userRef,
            now,
            {
              comment,
              approvedAt: now,
              extra: { approvers: tally.approvers },
            },
          );
          // Before its change window the request waits, APPROVED; the follower deploys it when
          // the window opens.
          if (!record.changeWindow || record.changeWindow.start <= now) {
            await deployments.start(
              change,
              approved,
              'deploy',
              SYSTEM_ACTOR,
              caller.userRef,
              now,
            );
          }
        });
        return reader.detailsOf(caller, id);
      },
    );
  }

  async reject(
    caller: Caller,
    id: string,
    comment: string,
  ): Promise<PromotionRequestDetails> {
    const { reader, transactions, approvalRule } = this.options;
    return approvalRule.decide(
      {
        ...this.decision(caller, id, 'reject'),
        load: async () => {
          caller.require(promotionsRequestRejectPermission);
          if (!comment?.trim())
            throw new InputError('comment: a rejection says why');
          const record = await reader.record(id);
          transitionFor(record.state, 'reject');
          return { record, ...promotionApproval(record) };
        },
      },
      async (_tally, { record }) => {
        const now = this.options.now();
        await transactions.run(async change => {
          await change.transition(record, 'reject', caller.userRef, now, {
            comment,
          });
        });
        return reader.detailsOf(caller, id);
      },
    );
  }

  /** The parts of a decision known before the request is read (the audit record's). */
  private decision(caller: Caller, id: string, action: 'approve' | 'reject') {
    return {
      decider: caller.decider,
      decision: action,
      target: { kind: PROMOTION_KIND, id },
      audit: {
        eventId: 'promotion-decision',
        meta: { requestId: id, action, actor: caller.userRef },
      },
    };
  }

  private async checkGates(
    record: PromotionRecord,
    approvals: ApprovalRecord[],
  ) {
    const evidence = await this.options.evidence.evaluate(
      toRequestView(record, approvals, this.options.settings.retryWindowMs),
    );
    // Fail closed: a blocking gate that could not say (it threw) blocks like one that fails.
    const blocking = evidence.filter(
      e => e.blocking && (e.status === 'fail' || e.status === 'unknown'),
    );
    if (blocking.length) {
      throw new ConflictError(
        `The promotion request is ${
          record.state
        } and cannot be approved: ${blocking
          .map(e =>
            e.status === 'fail'
              ? `gate '${e.title}' fails (${e.summary})`
              : `gate '${e.title}' could not be evaluated (${e.summary}); a blocking gate fails closed`,
          )
          .join('; ')}`,
      );
    }
  }
}
