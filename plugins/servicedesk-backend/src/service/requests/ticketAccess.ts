import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { parseTicketId } from '@portico/plugin-servicedesk-common';
import type {
  RequestRecord,
  RequestStore,
} from '../../database/ServicedeskStore';
import type { Caller } from '../AccessService';
import type { Mover } from '../stateMachine';

/**
 * Who the caller is to a ticket, and what that lets them read and work. One place, so that
 * every path (REST, a service filing through the intake) meets the same rules.
 */

export async function loadTicket(
  requests: RequestStore,
  ticketId: string,
): Promise<RequestRecord> {
  const number = parseTicketId(ticketId);
  const record = number !== undefined ? await requests.get(number) : undefined;
  if (!record) throw new NotFoundError(`No request ${ticketId}`);
  return record;
}

export function rolesOf(caller: Caller, record: RequestRecord): Mover[] {
  const roles: Mover[] = [];
  if (caller.worksFor(record.team)) roles.push('agent');
  if (record.requesterRef && caller.ref === record.requesterRef)
    roles.push('requester');
  // A service that filed the ticket through the intake speaks for its requester.
  if (caller.kind === 'service' && record.createdBy === caller.ref)
    roles.push('requester');
  return roles;
}

export function requireReader(caller: Caller, record: RequestRecord) {
  if (rolesOf(caller, record).length === 0) {
    throw new NotAllowedError(
      `Only the requester, agents of ${record.team} and portal admins see ${record.ticketId}`,
    );
  }
}

export function requireAgent(caller: Caller, record: RequestRecord) {
  if (!caller.worksFor(record.team)) {
    throw new NotAllowedError(
      `Only agents of ${record.team} and portal admins work ${record.ticketId}`,
    );
  }
}
