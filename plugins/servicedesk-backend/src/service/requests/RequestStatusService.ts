import { randomUUID } from 'crypto';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import type {
  CommentBody,
  RequestStatus,
  ServiceRequest,
} from '@portico/plugin-servicedesk-common';
import type {
  RequestRecord,
  RequestStore,
} from '../../database/ServicedeskStore';
import type { Caller } from '../AccessService';
import { EventPublisher, requestEvent } from '../events';
import type { Notifier } from '../Notifier';
import { canMove, Mover } from '../stateMachine';
import { clockPatch } from '../ticketClock';
import { rolesOf } from './ticketAccess';
import type { TicketChanges } from './TicketChanges';

export interface RequestStatusServiceOptions {
  events: EventPublisher;
  notifier: Notifier;
  changes: TicketChanges;
}

/**
 * A ticket's conversation and its moves through the state machine. Comments live here because
 * they move it too: the requester's public answer to a ticket waiting on them restarts the clock.
 */
export class RequestStatusService {
  constructor(private readonly options: RequestStatusServiceOptions) {}

  async comment(
    caller: Caller,
    ticketId: string,
    body: Required<CommentBody>,
  ): Promise<ServiceRequest> {
    return this.options.changes.apply(
      caller,
      ticketId,
      async (tx, record, now) => {
        const roles = rolesOf(caller, record);
        if (roles.length === 0)
          throw new NotAllowedError(
            `You may not comment on ${record.ticketId}`,
          );
        if (body.visibility === 'internal' && !roles.includes('agent')) {
          throw new NotAllowedError(
            `Only agents of ${record.team} write internal comments`,
          );
        }
        await tx.requests.addComment({
          id: randomUUID(),
          requestNumber: record.number,
          author: caller.ref,
          body: body.body,
          visibility: body.visibility,
          createdAt: now,
        });
        let updated: RequestRecord = { ...record, updatedAt: now };
        // The requester answered the agent's question: the clock runs again.
        if (
          record.status === 'waiting_on_requester' &&
          roles.includes('requester') &&
          !roles.includes('agent') &&
          body.visibility === 'public'
        ) {
          const patch = {
            status: 'in_progress' as const,
            ...clockPatch(record, 'in_progress', now),
          };
          await tx.requests.addHistory(record.number, {
            fromStatus: record.status,
            toStatus: 'in_progress',
            actor: caller.ref,
            note: 'The requester answered',
            at: now,
          });
          updated = { ...updated, ...patch };
          await tx.requests.update(record.number, { ...patch, updatedAt: now });
        } else {
          await tx.requests.update(record.number, { updatedAt: now });
        }
        // Internal: the assignee; an agent's public comment: the requester; the requester's: the agent or team.
        let recipients: Array<string | undefined> = [
          record.assignedTo ?? record.team,
        ];
        if (body.visibility === 'internal') recipients = [record.assignedTo];
        else if (roles.includes('agent')) recipients = [record.requesterRef];
        return {
          record: updated,
          after: () =>
            this.options.notifier.commented(updated, caller.ref, recipients),
        };
      },
    );
  }

  async changeStatus(
    caller: Caller,
    ticketId: string,
    status: RequestStatus,
    note?: string,
  ): Promise<ServiceRequest> {
    return this.options.changes.apply(
      caller,
      ticketId,
      async (tx, record, now) => {
        const roles = rolesOf(caller, record);
        if (roles.length === 0)
          throw new NotAllowedError(`You may not change ${record.ticketId}`);
        if (!roles.some(role => canMove(record.status, status, role))) {
          const anyone = (['agent', 'requester', 'system'] as Mover[]).some(
            role => canMove(record.status, status, role),
          );
          if (anyone)
            throw new NotAllowedError(
              `You may not move ${record.ticketId} from ${record.status} to ${status}`,
            );
          throw new ConflictError(
            `status: ${record.ticketId} cannot move from ${record.status} to ${status}`,
          );
        }
        if (status === 'resolved' && !note) {
          throw new InputError(
            'note: resolution notes are required to resolve a ticket',
          );
        }
        const patch: Parameters<RequestStore['update']>[1] = {
          status,
          updatedAt: now,
          ...clockPatch(record, status, now),
          ...(status === 'resolved' ? { resolutionNotes: note } : {}),
          // Reopened: the resolution no longer holds.
          ...(record.status === 'resolved' && status === 'in_progress'
            ? { resolvedAt: undefined, slaMet: undefined }
            : {}),
        };
        await tx.requests.update(record.number, patch);
        await tx.requests.addHistory(record.number, {
          fromStatus: record.status,
          toStatus: status,
          actor: caller.ref,
          note,
          at: now,
        });
        const updated = { ...record, ...patch } as RequestRecord;
        if (status === 'resolved') {
          await this.options.events.publish(
            tx.trx,
            requestEvent('request-resolved', caller.ref, updated, {
              resolutionNotes: note,
              slaMet: updated.slaMet,
            }),
          );
          return {
            record: updated,
            after: () => this.options.notifier.resolved(updated),
          };
        }
        return { record: updated };
      },
    );
  }
}
