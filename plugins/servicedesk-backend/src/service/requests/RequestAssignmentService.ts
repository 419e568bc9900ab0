import { ConflictError, InputError } from '@backstage/errors';
import type {
  RequestStatus,
  ServiceRequest,
} from '@portico/plugin-servicedesk-common';
import type { RequestStore } from '../../database/ServicedeskStore';
import type { Caller } from '../AccessService';
import { EventPublisher, requestEvent } from '../events';
import type { Notifier } from '../Notifier';
import { stopsClock } from '../stateMachine';
import { normalizeUserRef, TeamDirectory } from '../TeamDirectory';
import { clockPatch } from '../ticketClock';
import { loadTicket, requireAgent } from './ticketAccess';
import type { TicketChanges } from './TicketChanges';

export interface RequestAssignmentServiceOptions {
  db: { requests: RequestStore };
  events: EventPublisher;
  directory: TeamDirectory;
  notifier: Notifier;
  changes: TicketChanges;
}

/**
 * Who works a ticket: an agent claims it, or hands it to a member of its team. Closed tickets
 * are reopened before anyone is assigned to them.
 */
export class RequestAssignmentService {
  constructor(private readonly options: RequestAssignmentServiceOptions) {}

  async claim(caller: Caller, ticketId: string): Promise<ServiceRequest> {
    return this.options.changes.apply(
      caller,
      ticketId,
      async (tx, record, now) => {
        requireAgent(caller, record);
        if (stopsClock(record.status))
          throw new ConflictError(
            `${record.ticketId} is ${record.status}; reopen it first`,
          );
        const toStatus: RequestStatus =
          record.status === 'waiting_on_requester'
            ? record.status
            : 'in_progress';
        const patch = {
          assignedTo: caller.ref,
          status: toStatus,
          updatedAt: now,
          ...(toStatus !== record.status
            ? clockPatch(record, toStatus, now)
            : {}),
        };
        await tx.requests.update(record.number, patch);
        await tx.requests.addHistory(record.number, {
          fromStatus: record.status,
          toStatus,
          actor: caller.ref,
          note: `Claimed by ${caller.ref}`,
          at: now,
        });
        const updated = { ...record, ...patch };
        await this.options.events.publish(
          tx.trx,
          requestEvent('request-assigned', caller.ref, updated, {
            assignment: 'claim',
          }),
        );
        return { record: updated };
      },
    );
  }

  async assign(
    caller: Caller,
    ticketId: string,
    assignee: string,
  ): Promise<ServiceRequest> {
    const target = normalizeUserRef(assignee);
    const record = await loadTicket(this.options.db.requests, ticketId);
    requireAgent(caller, record);
    // The team's members come from the catalog: read before the transaction.
    const team = await this.options.directory.team(record.team);
    if (!team?.members.includes(target)) {
      throw new InputError(
        `assignee: ${target} is not a member of ${record.team}`,
      );
    }
    return this.options.changes.apply(
      caller,
      ticketId,
      async (tx, current, now) => {
        if (stopsClock(current.status))
          throw new ConflictError(
            `${current.ticketId} is ${current.status}; reopen it first`,
          );
        const patch = { assignedTo: target, updatedAt: now };
        await tx.requests.update(current.number, patch);
        await tx.requests.addHistory(current.number, {
          fromStatus: current.status,
          toStatus: current.status,
          actor: caller.ref,
          note: `Assigned to ${target}`,
          at: now,
        });
        const updated = { ...current, ...patch };
        await this.options.events.publish(
          tx.trx,
          requestEvent('request-assigned', caller.ref, updated, {
            assignment: 'manual',
          }),
        );
        return {
          record: updated,
          after: () => this.options.notifier.assigned(updated, caller.ref),
        };
      },
    );
  }
}
