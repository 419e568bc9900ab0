import type { AuditorService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { OutboxRow } from '../outbox/OutboxStore';
import { errorMessage, RelayTarget, TargetResult } from './RelayTarget';

/** Subjects delivered side by side (each subject's events still one after the other). */
const SUBJECTS_AT_ONCE = 8;

/**
 * Delivers to Backstage's events service (in-process subscribers: notifications, other
 * plugins) under the Portico topic name, and records each event with the auditor.
 *
 * A publish waits for every in-process subscriber (the plugins' consumers write to their
 * databases) and for the event bus's HTTP post, so one event at a time delivered about ten a
 * second under load and the relay fell minutes behind (bench/soak.ts, 100 clients). Events are
 * grouped by subject: a subject's events go in order, a failed one holds the rest of its
 * subject, and up to eight subjects go at once.
 */
export class EventsServiceTarget implements RelayTarget {
  readonly name = 'events' as const;

  constructor(
    private readonly events: EventsService,
    private readonly auditor: AuditorService,
    private readonly subjectsAtOnce = SUBJECTS_AT_ONCE,
  ) {}

  async deliver(rows: OutboxRow[]): Promise<TargetResult> {
    const bySubject = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const list = bySubject.get(row.event.subject) ?? [];
      list.push(row);
      bySubject.set(row.event.subject, list);
    }
    const queue = [...bySubject.values()];
    const delivered = new Set<string>();
    const failed: TargetResult['failed'] = [];
    const worker = async () => {
      for (let subject = queue.shift(); subject; subject = queue.shift()) {
        for (const { event } of subject) {
          try {
            await this.publish(event);
            delivered.add(event.id);
          } catch (error) {
            failed.push({ id: event.id, error: errorMessage(error) });
            break;
          }
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(this.subjectsAtOnce, queue.length) },
        worker,
      ),
    );
    // In the batch's order, as the relay marks them.
    return {
      delivered: rows.map(r => r.event.id).filter(id => delivered.has(id)),
      failed,
    };
  }

  private async publish(event: OutboxRow['event']) {
    await this.events.publish({
      topic: event.topic,
      eventPayload: event,
      metadata: {
        'portico-event-id': event.id,
        'portico-event-type': event.type,
      },
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
  }
}
