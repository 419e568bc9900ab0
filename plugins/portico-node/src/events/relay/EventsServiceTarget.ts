import type { AuditorService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { OutboxRow } from '../outbox/OutboxStore';
import { errorMessage, RelayTarget, TargetResult } from './RelayTarget';

/**
 * Delivers to Backstage's events service (in-process subscribers: notifications, other
 * plugins) under the Portico topic name, and records each event with the auditor.
 */
export class EventsServiceTarget implements RelayTarget {
  readonly name = 'events' as const;

  constructor(
    private readonly events: EventsService,
    private readonly auditor: AuditorService,
  ) {}

  async deliver(rows: OutboxRow[]): Promise<TargetResult> {
    const result: TargetResult = { delivered: [], failed: [] };
    const failedSubjects = new Set<string>();
    for (const { event } of rows) {
      if (failedSubjects.has(event.subject)) continue;
      try {
        await this.events.publish({
          topic: event.topic,
          eventPayload: event,
          metadata: { 'portico-event-id': event.id, 'portico-event-type': event.type },
        });
        const audit = await this.auditor.createEvent({
          eventId: 'portico-event',
          severityLevel: 'low',
          meta: {
            eventId: event.id,
            topic: event.topic,
            type: event.type,
            subject: event.subject,
            actor: event.actor,
            ...(event.tenant ? { tenant: event.tenant } : {}),
            traceId: event.traceId,
          },
        });
        await audit.success();
        result.delivered.push(event.id);
      } catch (error) {
        failedSubjects.add(event.subject);
        result.failed.push({ id: event.id, error: errorMessage(error) });
      }
    }
    return result;
  }
}
