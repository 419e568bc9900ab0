import type { FindingState, TriageAction } from './types';

/**
 * Every transition a finding may take, in one table. People triage (acknowledge, start,
 * reopen); scans fix and reopen; an approved risk request accepts; an expiry reopens.
 */
export type FindingAction =
  | TriageAction
  | 'fix'
  | 'regress'
  | 'accept_risk'
  | 'mark_false_positive'
  | 'expire';

export const FINDING_TRANSITIONS: Record<
  FindingAction,
  { from: readonly FindingState[]; to: FindingState }
> = {
  acknowledge: { from: ['open'], to: 'acknowledged' },
  start: { from: ['open', 'acknowledged'], to: 'in_progress' },
  reopen: {
    from: ['acknowledged', 'in_progress', 'risk_accepted', 'false_positive'],
    to: 'open',
  },
  fix: {
    from: [
      'open',
      'acknowledged',
      'in_progress',
      'risk_accepted',
      'false_positive',
    ],
    to: 'fixed',
  },
  regress: { from: ['fixed'], to: 'open' },
  accept_risk: {
    from: ['open', 'acknowledged', 'in_progress'],
    to: 'risk_accepted',
  },
  mark_false_positive: {
    from: ['open', 'acknowledged', 'in_progress'],
    to: 'false_positive',
  },
  expire: { from: ['risk_accepted', 'false_positive'], to: 'open' },
};

/** The state after `action`, or undefined when the table does not allow it from `from`. */
export function nextState(
  from: FindingState,
  action: FindingAction,
): FindingState | undefined {
  const transition = FINDING_TRANSITIONS[action];
  return transition.from.includes(from) ? transition.to : undefined;
}

/** The triage actions a person may take from `state`. */
export function triageActionsFrom(state: FindingState): TriageAction[] {
  return (['acknowledge', 'start', 'reopen'] as const).filter(
    a => nextState(state, a) !== undefined,
  );
}
