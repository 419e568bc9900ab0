import type { PorticoEvent } from '@portico/plugin-portico-common';
import { EventProducer, ProducerMessage, ProducerMessageError } from '../kafka/EventProducer';
import type { OutboxRow } from '../outbox/OutboxStore';
import { errorMessage, RelayTarget, TargetResult } from './RelayTarget';

/** Failed sends in a row, with none taken, after which the broker is taken to be down. */
const DOWN_AFTER_FAILURES = 3;

/**
 * Delivers to Kafka: the event on its topic, keyed by subject, and an audit record on the
 * `audit-log` topic. The claimed rows go as one batch (the producer keeps order per
 * partition). A batch is not atomic: when it fails, part of it may have landed, so the rows
 * are sent again one by one; delivery is at least once and consumers skip repeats by the
 * `portico-event-id` header. Sending one by one also isolates an event the broker refuses
 * (too large, bad topic): the other subjects' events land, the refused one's subject waits.
 */
export class KafkaTarget implements RelayTarget {
  readonly name = 'kafka' as const;

  constructor(
    private readonly producer: EventProducer,
    private readonly topicPrefix = '',
  ) {}

  messagesFor(event: PorticoEvent): ProducerMessage[] {
    const headers = { 'portico-event-id': event.id, 'portico-event-type': event.type };
    const messages: ProducerMessage[] = [
      {
        topic: `${this.topicPrefix}${event.topic}`,
        key: event.subject,
        value: JSON.stringify(event),
        headers,
      },
    ];
    if (event.topic !== 'audit-log') {
      const audit: PorticoEvent = {
        ...event,
        topic: 'audit-log',
        type: 'audit-recorded',
        data: { topic: event.topic, type: event.type, data: event.data },
      };
      messages.push({
        topic: `${this.topicPrefix}audit-log`,
        key: event.subject,
        value: JSON.stringify(audit),
        headers: { 'portico-event-id': event.id, 'portico-event-type': 'audit-recorded' },
      });
    }
    return messages;
  }

  async deliver(rows: OutboxRow[]): Promise<TargetResult> {
    if (rows.length === 0) return { delivered: [], failed: [] };
    try {
      await this.producer.send(rows.flatMap(row => this.messagesFor(row.event)));
      return { delivered: rows.map(r => r.event.id), failed: [] };
    } catch (error) {
      if (rows.length === 1) {
        return { delivered: [], failed: [this.failure(rows[0], error)] };
      }
      return this.deliverOneByOne(rows);
    }
  }

  private failure(row: OutboxRow, error: unknown) {
    return {
      id: row.event.id,
      error: errorMessage(error),
      event: error instanceof ProducerMessageError,
    };
  }

  private async deliverOneByOne(rows: OutboxRow[]): Promise<TargetResult> {
    const result: TargetResult = { delivered: [], failed: [] };
    const failedSubjects = new Set<string>();
    let failuresInARow = 0;
    let lastError: unknown;
    for (const row of rows) {
      const { subject } = row.event;
      if (failedSubjects.has(subject)) continue;
      if (result.delivered.length === 0 && failuresInARow >= DOWN_AFTER_FAILURES) {
        // Nothing taken and every try failed: the broker is down, do not wait on each row.
        failedSubjects.add(subject);
        result.failed.push({ id: row.event.id, error: errorMessage(lastError) });
        continue;
      }
      try {
        await this.producer.send(this.messagesFor(row.event));
        result.delivered.push(row.event.id);
        failuresInARow = 0;
      } catch (error) {
        lastError = error;
        failuresInARow++;
        failedSubjects.add(subject);
        result.failed.push(this.failure(row, error));
      }
    }
    return result;
  }
}
