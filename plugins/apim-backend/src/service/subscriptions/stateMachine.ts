import { ConflictError } from '@backstage/errors';
import type { SubscriptionState } from '@portico/plugin-apim-common';

export type SubscriptionAction = 'approve' | 'reject' | 'suspend' | 'resume' | 'revoke';

/** Who, besides portal admins, may take an action. */
export type Decider = 'apiOwner' | 'applicationOwner';

export interface ActionRule {
  from: SubscriptionState[];
  to: SubscriptionState;
  by: Decider[];
  /** Anti-self-approval: the user who asked for the subscription may not take this action. */
  notByRequester: boolean;
  /** Past participle, for messages. */
  done: string;
  event: { topic: 'subscription-created' | 'subscription-deleted'; type: string };
}

/**
 * The subscription state machine. Every change a person makes goes through this table:
 *
 * | from      | action  | to        | by                                  |
 * |-----------|---------|-----------|-------------------------------------|
 * | pending   | approve | active    | API owner group, never the requester |
 * | pending   | reject  | rejected  | API owner group, never the requester |
 * | active    | suspend | suspended | API owner group                     |
 * | suspended | resume  | active    | API owner group                     |
 * | active    | revoke  | revoked   | API owner or application owner group |
 * | suspended | revoke  | revoked   | API owner or application owner group |
 *
 * Portal admins may act in place of either group, but never approve their own request.
 * Rejected and revoked are final.
 */
export const SUBSCRIPTION_ACTIONS: Record<SubscriptionAction, ActionRule> = {
  approve: {
    from: ['pending'],
    to: 'active',
    by: ['apiOwner'],
    notByRequester: true,
    done: 'approved',
    event: { topic: 'subscription-created', type: 'subscription-approved' },
  },
  reject: {
    from: ['pending'],
    to: 'rejected',
    by: ['apiOwner'],
    notByRequester: true,
    done: 'rejected',
    event: { topic: 'subscription-created', type: 'subscription-rejected' },
  },
  suspend: {
    from: ['active'],
    to: 'suspended',
    by: ['apiOwner'],
    notByRequester: false,
    done: 'suspended',
    event: { topic: 'subscription-created', type: 'subscription-suspended' },
  },
  resume: {
    from: ['suspended'],
    to: 'active',
    by: ['apiOwner'],
    notByRequester: false,
    done: 'resumed',
    event: { topic: 'subscription-created', type: 'subscription-resumed' },
  },
  revoke: {
    from: ['active', 'suspended'],
    to: 'revoked',
    by: ['apiOwner', 'applicationOwner'],
    notByRequester: false,
    done: 'revoked',
    event: { topic: 'subscription-deleted', type: 'subscription-deleted' },
  },
};

export const SUBSCRIPTION_ACTION_NAMES = Object.keys(SUBSCRIPTION_ACTIONS) as SubscriptionAction[];

/** Pending, active and suspended: at most one per application, API and environment. */
export const LIVE_STATES: SubscriptionState[] = ['pending', 'active', 'suspended'];

/** Deleting an application ends each of its live subscriptions, pending ones included. */
export const END_WITH_APPLICATION = {
  from: LIVE_STATES,
  to: 'revoked' as SubscriptionState,
  event: { topic: 'subscription-deleted' as const, type: 'subscription-deleted' },
};

/** The actions possible from a state. */
export function actionsFrom(state: SubscriptionState): SubscriptionAction[] {
  return SUBSCRIPTION_ACTION_NAMES.filter(action => SUBSCRIPTION_ACTIONS[action].from.includes(state));
}

/** The rule for an action from the current state; ConflictError naming the state if it is illegal. */
export function transitionFor(current: SubscriptionState, action: SubscriptionAction): ActionRule {
  const rule = SUBSCRIPTION_ACTIONS[action];
  if (!rule.from.includes(current)) {
    const possible = actionsFrom(current);
    throw new ConflictError(
      `The subscription is ${current}; it cannot be ${rule.done} (${
        possible.length ? `possible from ${current}: ${possible.join(', ')}` : `${current} is final`
      })`,
    );
  }
  return rule;
}
