import type { PorticoEvent } from '@portico/plugin-portico-common';
import type { EventProducer, ProducerMessage } from '../kafka/EventProducer';
import type { OutboxRow } from '../outbox/OutboxStore';
import { errorMessage, RelayTarget, TargetResult } from './RelayTarget';

/**
 * Delivers to Kafka: the event on its topic, keyed by subject, and an audit record on the
 * `audit-log` topic. One batch per pass: the producer is idempotent with one request in
 * flight, so the batch lands whole and in order, or the pass fails and is retried.
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
      const message = errorMessage(error);
      return { delivered: [], failed: rows.map(r => ({ id: r.event.id, error: message })) };
    }
  }
}
