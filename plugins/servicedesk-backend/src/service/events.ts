import type { Knex } from 'knex';
import type { PorticoEvent, PorticoEventInput } from '@portico/plugin-portico-common';
import type { RequestRecord } from '../database/ServicedeskStore';

/** Writes domain events into the outbox inside the caller's transaction (PorticoEvents.publish). */
export interface EventPublisher {
  publish(trx: Knex.Transaction, ...events: PorticoEventInput[]): Promise<PorticoEvent[]>;
}

/** The actor of what the service desk does on its own (automation, SLA monitor). */
export const SYSTEM_ACTOR = 'plugin:servicedesk';

export type ServiceRequestEventType =
  | 'request-created'
  | 'request-assigned'
  | 'request-resolved'
  | 'sla-breached'
  | 'action-succeeded'
  | 'action-failed';

/** An event on the service-requests topic about one ticket (the subject is its ticket id). */
export function requestEvent(
  type: ServiceRequestEventType,
  actor: string,
  request: RequestRecord,
  extra: Record<string, unknown> = {},
): PorticoEventInput {
  return {
    topic: 'service-requests',
    type,
    actor,
    subject: request.ticketId,
    data: {
      ticketId: request.ticketId,
      service: request.serviceSlug,
      team: request.team,
      priority: request.priority,
      status: request.status,
      title: request.title,
      ...(request.requesterRef ? { requester: request.requesterRef } : {}),
      ...(request.requesterEmail ? { requesterEmail: request.requesterEmail } : {}),
      ...(request.assignedTo ? { assignedTo: request.assignedTo } : {}),
      slaDueAt: new Date(request.slaDueAt).toISOString(),
      ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
    },
  };
}
