import type { AuditorService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { ConflictError, NotAllowedError } from '@backstage/errors';

/** What a decider does to something that waits for approval. */
export type ApprovalDecision = 'approve' | 'reject';

/** The person deciding: their user ref and the groups they belong to (refs, any case). */
export interface ApprovalDecider {
  userRef: string;
  groups: readonly string[];
}

/**
 * Who may decide, given by the plugin that owns the thing approved. A decider is in the set
 * when they belong to one of `groups` or `allows` says yes, and to none of `excludedGroups`
 * (separation of duties: e.g. not a member of the component's owning group).
 */
export interface ApproverSet {
  groups?: readonly string[];
  allows?: (decider: ApprovalDecider) => boolean;
  excludedGroups?: readonly string[];
  /** Who decides, in words, for the refusal messages: "members of cpi-tenant-acme or cpi-admin". */
  describe: string;
  /** Plugin-specific wording of the refusals (the defaults name `kind`, the decision and `describe`). */
  refusals?: {
    requester?: (decision: ApprovalDecision) => string;
    outsider?: (decision: ApprovalDecision) => string;
    excluded?: (decision: ApprovalDecision, group: string) => string;
  };
}

/** The thing decided on, as the rule needs to see it. */
export interface ApprovalSubject {
  /** For messages and the audit record: "promotion request", "subscription", "risk acceptance". */
  kind: string;
  id: string;
  requestedBy: string;
  /** The state read before deciding, named in conflicts. */
  state: string;
  /** Distinct approvers needed; default 1. */
  requiredApprovals?: number;
}

/** One recorded approval (see KnexApprovalStore). */
export interface ApprovalVote {
  approver: string;
  comment?: string;
  at: number;
}

/** Where the approvals stand once the decider's approval is counted. */
export interface ApprovalTally {
  /** Distinct approvers, the decider last. */
  approvers: string[];
  /** Enough approvers: the subject moves on. */
  complete: boolean;
  /** Approvers still missing after this one. */
  remaining: number;
}

/** What `load` reads: the subject as it stands, who may decide it, and its approvals so far. */
export interface LoadedSubject {
  subject: ApprovalSubject;
  approvers: ApproverSet;
  /** The approvals already recorded (for `approve`: counted, a second one by the same person refused). */
  recorded?: readonly ApprovalVote[];
}

export interface DecideInput<L extends LoadedSubject = LoadedSubject> {
  decider: ApprovalDecider;
  decision: ApprovalDecision;
  /** What is decided on, known before anything is read: named in the audit record. */
  target: { kind: string; id: string };
  /**
   * Reads the subject and checks the plugin's own preconditions (permission, state machine);
   * runs inside the audit, so those refusals are recorded too.
   */
  load(): Promise<L>;
  /** Default event id `approval-decision`, meta {kind, subjectId, decision, actor}. */
  audit?: { eventId?: string; meta?: JsonObject };
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The one approval rule of Portico (promotions, subscriptions, risk acceptances...): the
 * requester never decides; only the approver set decides, minus its excluded groups; N
 * distinct approvers; a decision applies only to the revision it read, so of concurrent
 * decisions exactly one wins; every attempt, refused ones included, is an audit record
 * naming who, what and why.
 *
 * The rule holds no storage: the plugin keeps its aggregate (with a revision or state it
 * updates conditionally) and its approvals (KnexApprovalStore), and calls `decide` around its
 * own transaction.
 */
export class ApprovalRule {
  constructor(private readonly options: { auditor: AuditorService }) {}

  /** NotAllowedError when the decider may not take the decision. */
  check(input: { decider: ApprovalDecider; subject: ApprovalSubject; approvers: ApproverSet; decision: ApprovalDecision }): void {
    const { decider, subject, approvers, decision } = input;
    if (lower(subject.requestedBy) === lower(decider.userRef)) {
      throw new NotAllowedError(
        approvers.refusals?.requester?.(decision) ??
          `You requested this ${subject.kind}, so you cannot ${decision} it: ${approvers.describe} other than you must decide`,
      );
    }
    const groups = new Set(decider.groups.map(lower));
    const excluded = approvers.excludedGroups?.find(g => groups.has(lower(g)));
    if (excluded) {
      throw new NotAllowedError(
        approvers.refusals?.excluded?.(decision, excluded) ??
          `Members of ${excluded} cannot ${decision} this ${subject.kind} (separation of duties): ${approvers.describe} outside it must decide`,
      );
    }
    if (!this.isApprover(decider, approvers)) {
      throw new NotAllowedError(
        approvers.refusals?.outsider?.(decision) ??
          `Only ${approvers.describe} can ${decision} this ${subject.kind}`,
      );
    }
  }

  /** Whether the decider is in the set (requester rule aside): what a UI offers. */
  isApprover(decider: ApprovalDecider, approvers: ApproverSet): boolean {
    const groups = new Set(decider.groups.map(lower));
    if (approvers.excludedGroups?.some(g => groups.has(lower(g)))) return false;
    return Boolean(approvers.groups?.some(g => groups.has(lower(g))) || approvers.allows?.(decider));
  }

  /** Counts the decider's approval with the recorded ones; ConflictError if they already approved. */
  tally(decider: ApprovalDecider, subject: ApprovalSubject, recorded: readonly ApprovalVote[]): ApprovalTally {
    const required = subject.requiredApprovals ?? 1;
    const previous = [...new Set(recorded.map(v => lower(v.approver)))];
    if (previous.includes(lower(decider.userRef))) {
      throw new ConflictError(
        `You already approved this ${subject.kind}; it waits for ${Math.max(required - previous.length, 0)} more approver(s)`,
      );
    }
    const approvers = [...previous, lower(decider.userRef)];
    return { approvers, complete: approvers.length >= required, remaining: Math.max(required - approvers.length, 0) };
  }

  /**
   * The audited decision: `load` the subject, check the decider, count approvals (for
   * `approve`), then `apply`, which writes the approval and moves the subject only on the
   * revision it read (throw `ApprovalRule.lostRace(...)` when that conditional write changed
   * nothing; a unique (subject, approver) key refuses duplicates). The audit record is written
   * whatever the outcome; a refusal carries the error (the why).
   */
  async decide<T, L extends LoadedSubject>(
    input: DecideInput<L>,
    apply: (tally: ApprovalTally, loaded: L) => Promise<T>,
  ): Promise<T> {
    const { decider, decision, target } = input;
    const event = await this.options.auditor.createEvent({
      eventId: input.audit?.eventId ?? 'approval-decision',
      severityLevel: 'medium',
      meta: input.audit?.meta ?? { kind: target.kind, subjectId: target.id, decision, actor: decider.userRef },
    });
    try {
      const loaded = await input.load();
      this.check({ decider, decision, subject: loaded.subject, approvers: loaded.approvers });
      const tally =
        decision === 'approve'
          ? this.tally(decider, loaded.subject, loaded.recorded ?? [])
          : { approvers: [], complete: true, remaining: 0 };
      const result = await apply(tally, loaded);
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /**
   * The conflict for a decision whose conditional write lost to another change: it names the
   * state read and the current one.
   */
  static lostRace(subject: ApprovalSubject, decision: ApprovalDecision, currentState: string | undefined): ConflictError {
    const done = decision === 'approve' ? 'approved' : 'rejected';
    return new ConflictError(
      `The ${subject.kind} is now ${currentState ?? 'gone'}; it was ${subject.state} when your ${decision} started and another change came first, so it cannot be ${done}`,
    );
  }
}
