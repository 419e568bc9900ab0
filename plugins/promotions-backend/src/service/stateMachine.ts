import { ConflictError } from '@backstage/errors';
import type {
  PromotionAction,
  PromotionState,
  PromotionUserAction,
} from '@portico/plugin-promotions-common';
import type { PorticoEventInput } from '@portico/plugin-portico-common';

/** Who takes an action: a person with a rule checked by the service, or the system (executors, timeouts). */
export type Actor = 'tenantApprover' | 'tenantMember' | 'system';

export interface TransitionRule {
  from: Array<PromotionState | null>;
  to: PromotionState;
  by: Actor;
  /** Anti-self-approval: the requester may never take this action. */
  notByRequester: boolean;
  commentRequired: boolean;
  /** Past participle, for messages. */
  done: string;
  /** The one event each transition publishes. */
  event: Pick<PorticoEventInput, 'topic' | 'type'>;
}

/**
 * The promotion state machine. Every change of a request goes through this table, and each
 * transition writes one timeline entry and one event in the same transaction:
 *
 * | action  | from       | to        | by                                         | event                              |
 * |---------|------------|-----------|--------------------------------------------|------------------------------------|
 * | create  | (none)     | PENDING   | devops / approvers of the tenant           | promotion-requests request-created |
 * | approve | PENDING    | APPROVED  | approvers of the tenant, never the requester | promotion-requests request-approved |
 * | reject  | PENDING    | REJECTED  | approvers of the tenant, never the requester, with a comment | request-rejected |
 * | deploy  | APPROVED   | DEPLOYING | system, right after the approval           | deploy-requests deploy-requested   |
 * | succeed | DEPLOYING  | DEPLOYED  | system (executor report)                   | promotion-requests deployment-succeeded |
 * | fail    | DEPLOYING  | FAILED    | system (executor report, timeout)          | promotion-requests deployment-failed |
 * | retry   | FAILED     | DEPLOYING | requester or tenant members, within the retry window | deploy-requests deploy-requested |
 * | expire  | PENDING, APPROVED | FAILED | system: the change window closed before the deployment started | request-expired |
 *
 * With N required approvals, each approval before the last is recorded without a transition.
 * Change windows: an approval before the window leaves the request APPROVED; the follower
 * deploys it when the window opens; a request whose window closes before its deployment starts
 * expires (FAILED, with the reason, and no retry: a new request names a new window).
 * REJECTED and DEPLOYED are final; a rollback is a new request.
 */
export const PROMOTION_TRANSITIONS: Record<PromotionAction, TransitionRule> = {
  create: {
    from: [null],
    to: 'PENDING',
    by: 'tenantMember',
    notByRequester: false,
    commentRequired: false,
    done: 'created',
    event: { topic: 'promotion-requests', type: 'request-created' },
  },
  approve: {
    from: ['PENDING'],
    to: 'APPROVED',
    by: 'tenantApprover',
    notByRequester: true,
    commentRequired: false,
    done: 'approved',
    event: { topic: 'promotion-requests', type: 'request-approved' },
  },
  reject: {
    from: ['PENDING'],
    to: 'REJECTED',
    by: 'tenantApprover',
    notByRequester: true,
    commentRequired: true,
    done: 'rejected',
    event: { topic: 'promotion-requests', type: 'request-rejected' },
  },
  deploy: {
    from: ['APPROVED'],
    to: 'DEPLOYING',
    by: 'system',
    notByRequester: false,
    commentRequired: false,
    done: 'deployed',
    event: { topic: 'deploy-requests', type: 'deploy-requested' },
  },
  succeed: {
    from: ['DEPLOYING'],
    to: 'DEPLOYED',
    by: 'system',
    notByRequester: false,
    commentRequired: false,
    done: 'marked deployed',
    event: { topic: 'promotion-requests', type: 'deployment-succeeded' },
  },
  fail: {
    from: ['DEPLOYING'],
    to: 'FAILED',
    by: 'system',
    notByRequester: false,
    commentRequired: false,
    done: 'marked failed',
    event: { topic: 'promotion-requests', type: 'deployment-failed' },
  },
  expire: {
    from: ['PENDING', 'APPROVED'],
    to: 'FAILED',
    by: 'system',
    notByRequester: false,
    commentRequired: false,
    done: 'expired',
    event: { topic: 'promotion-requests', type: 'request-expired' },
  },
  retry: {
    from: ['FAILED'],
    to: 'DEPLOYING',
    by: 'tenantMember',
    notByRequester: false,
    commentRequired: false,
    done: 'retried',
    event: { topic: 'deploy-requests', type: 'deploy-requested' },
  },
};

export const USER_ACTIONS: PromotionUserAction[] = ['approve', 'reject', 'retry'];

const ACTIONS = Object.keys(PROMOTION_TRANSITIONS) as PromotionAction[];

/** The actions possible from a state. */
export function actionsFrom(state: PromotionState): PromotionAction[] {
  return ACTIONS.filter(action => PROMOTION_TRANSITIONS[action].from.includes(state));
}

/** The rule for an action from the current state; ConflictError naming the state if it is illegal. */
export function transitionFor(current: PromotionState, action: PromotionAction): TransitionRule {
  const rule = PROMOTION_TRANSITIONS[action];
  if (!rule.from.includes(current)) {
    const possible = actionsFrom(current);
    throw new ConflictError(
      `The promotion request is ${current}; it cannot be ${rule.done} (${
        possible.length ? `possible from ${current}: ${possible.join(', ')}` : `${current} is final`
      })`,
    );
  }
  return rule;
}
