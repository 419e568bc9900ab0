import { NotAllowedError } from '@backstage/errors';
import {
  ListRequestsQuery,
  Page,
  servicedeskRequestWorkPermission,
  ServiceRequest,
  ServiceRequestSummary,
} from '@portico/plugin-servicedesk-common';
import type { RequestStore } from '../../database/ServicedeskStore';
import type { Caller } from '../AccessService';
import type { Clock } from '../clock';
import { normalizeGroupRef, normalizeUserRef } from '../TeamDirectory';
import { loadTicket, requireReader } from './ticketAccess';
import type { TicketViews } from './TicketViews';

/**
 * Reading tickets: one ticket for those who may see it, and the paged lists (the requester's
 * own tickets, or the queues of the teams an agent works for).
 */
export class RequestQueryService {
  constructor(
    private readonly options: {
      db: { requests: RequestStore };
      clock: Clock;
      views: TicketViews;
    },
  ) {}

  async get(caller: Caller, ticketId: string): Promise<ServiceRequest> {
    const record = await loadTicket(this.options.db.requests, ticketId);
    requireReader(caller, record);
    return this.options.views.view(caller, record);
  }

  async list(
    caller: Caller,
    query: ListRequestsQuery,
  ): Promise<Page<ServiceRequestSummary>> {
    let teams: string[] | undefined;
    let requesterRef: string | undefined;
    if (query.scope === 'mine') {
      requesterRef = caller.ref;
    } else {
      if (!caller.has(servicedeskRequestWorkPermission)) {
        throw new NotAllowedError(
          'You need the servicedesk.request.work permission to see a queue',
        );
      }
      if (query.team) {
        const team = normalizeGroupRef(query.team);
        if (!caller.worksFor(team))
          throw new NotAllowedError(`You are not an agent of ${team}`);
        teams = [team];
      } else {
        teams = caller.isAdmin ? undefined : caller.groups;
      }
    }
    let assignedTo: string | null | undefined;
    if (query.assignee === 'me') assignedTo = caller.ref;
    else if (query.assignee === 'unassigned') assignedTo = null;
    else if (query.assignee) assignedTo = normalizeUserRef(query.assignee);

    const now = this.options.clock.now();
    const { items, totalCount } = await this.options.db.requests.list({
      requesterRef,
      teams,
      statuses: query.status,
      priorities: query.priority,
      serviceSlug: query.service,
      assignedTo,
      overdueAt: query.overdue === 'true' ? now : undefined,
      limit: query.limit,
      offset: query.offset,
    });
    return {
      items: items.map(record => this.options.views.summary(record, [], now)),
      totalCount,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
