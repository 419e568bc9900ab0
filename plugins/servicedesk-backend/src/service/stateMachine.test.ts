import { STATUSES } from '@portico/plugin-servicedesk-common';
import { canMove, isTerminal, nextStatuses } from './stateMachine';

describe('ticket state machine', () => {
  it.each([
    ['new', 'in_progress', 'agent', true],
    ['new', 'resolved', 'requester', false],
    ['new', 'cancelled', 'requester', true],
    ['new', 'failed', 'agent', false],
    ['in_progress', 'failed', 'system', true],
    ['in_progress', 'resolved', 'system', true],
    ['waiting_on_requester', 'in_progress', 'requester', true],
    ['failed', 'in_progress', 'agent', true],
    ['failed', 'in_progress', 'requester', false],
    ['resolved', 'closed', 'requester', true],
    ['resolved', 'in_progress', 'requester', true],
    ['resolved', 'new', 'agent', false],
    ['closed', 'in_progress', 'agent', false],
    ['cancelled', 'in_progress', 'agent', false],
  ] as const)('%s -> %s by %s: %s', (from, to, mover, expected) => {
    expect(canMove(from, to, mover)).toBe(expected);
  });

  it('ends in closed and cancelled only', () => {
    expect(STATUSES.filter(isTerminal)).toEqual(['closed', 'cancelled']);
  });

  it('lists what a requester may do with a resolved ticket', () => {
    expect(nextStatuses('resolved', ['requester']).sort()).toEqual(['closed', 'in_progress']);
  });
});
