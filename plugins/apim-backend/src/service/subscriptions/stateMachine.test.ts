import { ConflictError } from '@backstage/errors';
import { SUBSCRIPTION_STATES, SubscriptionState } from '@portico/plugin-apim-common';
import {
  actionsFrom,
  END_WITH_APPLICATION,
  SUBSCRIPTION_ACTIONS,
  SUBSCRIPTION_ACTION_NAMES,
  transitionFor,
} from './stateMachine';

describe('subscription state machine', () => {
  const legal: Array<[SubscriptionState, string, SubscriptionState]> = [
    ['pending', 'approve', 'active'],
    ['pending', 'reject', 'rejected'],
    ['active', 'suspend', 'suspended'],
    ['active', 'revoke', 'revoked'],
    ['suspended', 'resume', 'active'],
    ['suspended', 'revoke', 'revoked'],
  ];

  it.each(legal)('%s --%s--> %s', (from, action, to) => {
    expect(transitionFor(from, action as any).to).toBe(to);
  });

  it('refuses every other transition with a 409 naming the current state', () => {
    for (const state of SUBSCRIPTION_STATES) {
      for (const action of SUBSCRIPTION_ACTION_NAMES) {
        if (legal.some(([f, a]) => f === state && a === action)) continue;
        let error: unknown;
        try {
          transitionFor(state, action);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as Error).message).toContain(`The subscription is ${state}`);
      }
    }
  });

  it('makes rejected and revoked final', () => {
    expect(actionsFrom('rejected')).toEqual([]);
    expect(actionsFrom('revoked')).toEqual([]);
    expect(() => transitionFor('revoked', 'resume')).toThrow(/revoked is final/);
  });

  it('forbids the requester to approve or reject, nothing else', () => {
    expect(
      SUBSCRIPTION_ACTION_NAMES.filter(action => SUBSCRIPTION_ACTIONS[action].notByRequester),
    ).toEqual(['approve', 'reject']);
  });

  it('lets only API owners decide, and application owners also revoke', () => {
    expect(SUBSCRIPTION_ACTIONS.approve.by).toEqual(['apiOwner']);
    expect(SUBSCRIPTION_ACTIONS.revoke.by).toEqual(['apiOwner', 'applicationOwner']);
  });

  it('publishes state changes on subscription-created and the end on subscription-deleted', () => {
    expect(SUBSCRIPTION_ACTIONS.approve.event).toEqual({
      topic: 'subscription-created',
      type: 'subscription-approved',
    });
    expect(SUBSCRIPTION_ACTIONS.revoke.event.topic).toBe('subscription-deleted');
    expect(END_WITH_APPLICATION.from).toEqual(['pending', 'active', 'suspended']);
  });
});
