import { NotFoundError } from '@backstage/errors';
import {
  type PromotionRequestDetails,
  type PromotionUserAction,
  promotionsRequestApprovePermission,
  promotionsRequestRejectPermission,
  promotionsRequestRetryPermission,
} from '@portico/plugin-promotions-common';
import type { ApprovalRule } from '@portico/portico-node';
import type { PromotionSettings } from '../../config';
import type {
  ApprovalRecord,
  PromotionDatabase,
  PromotionRecord,
} from '../../database/PromotionStore';
import type { Caller } from '../access';
import { promotionApproval } from '../decisions/promotionApproval';
import type { EvidenceService } from '../gates/EvidenceService';
import { toAttemptView, toRequestView, toTransitionView } from '../views';

/**
 * Reads one request for the others: the record (404 when absent), its approvals, and the details
 * every answer returns (timeline, attempts, evidence, what the caller may do next).
 */
export class PromotionReader {
  constructor(
    private readonly options: {
      db: PromotionDatabase;
      evidence: EvidenceService;
      settings: PromotionSettings;
      /** Only asked whether a caller approves (what the UI offers); the decisions apply it. */
      approvalRule: ApprovalRule;
      now: () => number;
    },
  ) {}

  async record(id: string): Promise<PromotionRecord> {
    const record = await this.options.db.requests.get(id);
    if (!record) throw new NotFoundError(`No promotion request ${id}`);
    return record;
  }

  async approvalsOf(id: string): Promise<ApprovalRecord[]> {
    return (await this.options.db.requests.approvals([id])).get(id) ?? [];
  }

  /** The request as it stands now (after a change: read again, not the record the change read). */
  async detailsOf(
    caller: Caller | undefined,
    id: string,
  ): Promise<PromotionRequestDetails> {
    return this.details(caller, await this.record(id));
  }

  async details(
    caller: Caller | undefined,
    record: PromotionRecord,
  ): Promise<PromotionRequestDetails> {
    const { db, settings, evidence } = this.options;
    const [approvals, timeline, attempts] = await Promise.all([
      this.approvalsOf(record.id),
      db.requests.timeline(record.id),
      db.attempts.forRequest(record.id),
    ]);
    const view = toRequestView(record, approvals, settings.retryWindowMs);
    return {
      ...view,
      timeline: timeline.map(toTransitionView),
      attempts: attempts.map(toAttemptView),
      evidence: await evidence.evaluate(view),
      permittedActions: caller
        ? this.permittedActions(caller, record, approvals)
        : [],
    };
  }

  /** What the UI offers the caller: the same rules as the actions (the server still decides). */
  private permittedActions(
    caller: Caller,
    record: PromotionRecord,
    approvals: ApprovalRecord[],
  ): PromotionUserAction[] {
    const actions: PromotionUserAction[] = [];
    const decider =
      record.state === 'PENDING' &&
      record.requestedBy !== caller.userRef &&
      this.options.approvalRule.isApprover(
        caller.decider,
        promotionApproval(record).approvers,
      );
    if (
      decider &&
      caller.has(promotionsRequestApprovePermission) &&
      !approvals.some(a => a.approver === caller.userRef)
    ) {
      actions.push('approve');
    }
    if (decider && caller.has(promotionsRequestRejectPermission))
      actions.push('reject');
    if (
      record.state === 'FAILED' &&
      caller.has(promotionsRequestRetryPermission) &&
      (record.requestedBy === caller.userRef ||
        caller.mayRequestFor(record.tenant)) &&
      this.options.now() <=
        (record.approvedAt ?? 0) + this.options.settings.retryWindowMs
    ) {
      actions.push('retry');
    }
    return actions;
  }
}
