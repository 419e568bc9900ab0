import { ConflictError } from '@backstage/errors';
import { TOPIC_TYPES } from '@portico/plugin-portico-common';
import { PROMOTION_STATES, type PromotionAction } from '@portico/plugin-promotions-common';
import { actionsFrom, PROMOTION_TRANSITIONS, transitionFor } from './stateMachine';

/** Whether a topic carries an event type, per the event catalogue. */
function inCatalogue(topic: string, type: string): boolean {
  return ((TOPIC_TYPES as Record<string, readonly string[]>)[topic] ?? []).includes(type);
}

describe('the promotion state machine', () => {
  it('has the transitions of the issue, and no others', () => {
    const edges = Object.entries(PROMOTION_TRANSITIONS).flatMap(([action, rule]) =>
      rule.from.map(from => `${from ?? '-'} -${action}-> ${rule.to}`),
    );
    expect(edges.sort()).toEqual(
      [
        '- -create-> PENDING',
        'PENDING -approve-> APPROVED',
        'PENDING -reject-> REJECTED',
        'APPROVED -deploy-> DEPLOYING',
        'DEPLOYING -succeed-> DEPLOYED',
        'DEPLOYING -fail-> FAILED',
        'FAILED -retry-> DEPLOYING',
        'PENDING -expire-> FAILED',
        'APPROVED -expire-> FAILED',
      ].sort(),
    );
  });

  it('keeps the requester from approving or rejecting, and makes a rejection say why', () => {
    expect(PROMOTION_TRANSITIONS.approve.notByRequester).toBe(true);
    expect(PROMOTION_TRANSITIONS.reject.notByRequester).toBe(true);
    expect(PROMOTION_TRANSITIONS.reject.commentRequired).toBe(true);
  });

  it('publishes only event types of the catalogue', () => {
    for (const rule of Object.values(PROMOTION_TRANSITIONS)) {
      expect(inCatalogue(rule.event.topic, rule.event.type)).toBe(true);
    }
  });

  const pairs = PROMOTION_STATES.flatMap(state =>
    (Object.keys(PROMOTION_TRANSITIONS) as PromotionAction[]).map(action => ({ state, action })),
  );
  const legal = pairs.filter(({ state, action }) => PROMOTION_TRANSITIONS[action].from.includes(state));
  const illegal = pairs.filter(({ state, action }) => !PROMOTION_TRANSITIONS[action].from.includes(state));

  it.each(legal)('allows $action from $state', ({ state, action }) => {
    expect(transitionFor(state, action).to).toBe(PROMOTION_TRANSITIONS[action].to);
  });

  it.each(illegal)('refuses $action from $state with a 409 naming the state', ({ state, action }) => {
    expect(() => transitionFor(state, action)).toThrow(ConflictError);
    expect(() => transitionFor(state, action)).toThrow(`The promotion request is ${state}`);
  });

  it('knows the final states', () => {
    expect(actionsFrom('REJECTED')).toEqual([]);
    expect(actionsFrom('DEPLOYED')).toEqual([]);
    expect(() => transitionFor('DEPLOYED', 'retry')).toThrow('DEPLOYED is final');
  });
});
