import type { RequestStatus } from '@portico/plugin-servicedesk-common';

/** Who moves a ticket: an agent of its team, its requester, or the service desk itself. */
export type Mover = 'agent' | 'requester' | 'system';

/** The allowed moves, and who may make each. */
const TRANSITIONS: Record<RequestStatus, Partial<Record<RequestStatus, Mover[]>>> = {
  new: {
    in_progress: ['agent', 'system'],
    waiting_on_requester: ['agent'],
    resolved: ['agent', 'system'],
    cancelled: ['agent', 'requester'],
    failed: ['system'],
  },
  in_progress: {
    waiting_on_requester: ['agent'],
    resolved: ['agent', 'system'],
    cancelled: ['agent', 'requester'],
    failed: ['system'],
  },
  // A requester's public comment answers the question: back to work.
  waiting_on_requester: {
    in_progress: ['agent', 'requester'],
    resolved: ['agent'],
    cancelled: ['agent', 'requester'],
  },
  // The automation failed: an agent takes it over.
  failed: {
    in_progress: ['agent'],
    resolved: ['agent'],
    cancelled: ['agent', 'requester'],
  },
  // The requester confirms (closed) or reopens.
  resolved: {
    closed: ['agent', 'requester', 'system'],
    in_progress: ['agent', 'requester'],
  },
  closed: {},
  cancelled: {},
};

export function canMove(from: RequestStatus, to: RequestStatus, mover: Mover): boolean {
  return TRANSITIONS[from][to]?.includes(mover) ?? false;
}

/** The statuses `mover` may move a ticket in `from` to. */
export function nextStatuses(from: RequestStatus, movers: Mover[]): RequestStatus[] {
  return (Object.entries(TRANSITIONS[from]) as Array<[RequestStatus, Mover[]]>)
    .filter(([, allowed]) => allowed.some(m => movers.includes(m)))
    .map(([to]) => to);
}

export function isTerminal(status: RequestStatus): boolean {
  return Object.keys(TRANSITIONS[status]).length === 0;
}

/** Statuses in which the SLA clock stops for good. */
export function stopsClock(status: RequestStatus): boolean {
  return status === 'resolved' || status === 'closed' || status === 'cancelled';
}
