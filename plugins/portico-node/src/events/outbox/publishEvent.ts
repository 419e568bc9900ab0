import { randomBytes, randomUUID } from 'crypto';
import type { Knex } from 'knex';
import {
  PorticoEvent,
  PorticoEventInput,
  porticoEventSchema,
} from '@portico/plugin-portico-common';
import type { OutboxStore } from './OutboxStore';

/** Fills in id, time and trace id, and checks the envelope before it is written. */
export function toPorticoEvent(input: PorticoEventInput, now = new Date()): PorticoEvent {
  const candidate = {
    ...input,
    id: input.id ?? randomUUID(),
    occurredAt: input.occurredAt ?? now.toISOString(),
    traceId: input.traceId ?? randomBytes(16).toString('hex'),
  };
  const parsed = porticoEventSchema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(issue => `${issue.path.join('.') || '(event)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid Portico event for topic '${input.topic}': ${problems}`);
  }
  return parsed.data;
}

/**
 * What a plugin's service calls inside its own transaction:
 * `await publisher.publish(trx, { topic, type, actor, subject, data })`. The event is
 * delivered only if that transaction commits.
 */
export class OutboxPublisher {
  constructor(private readonly store: OutboxStore) {}

  async publish(
    trx: Knex.Transaction,
    ...inputs: PorticoEventInput[]
  ): Promise<PorticoEvent[]> {
    const events = inputs.map(input => toPorticoEvent(input));
    await this.store.append(trx, events);
    return events;
  }
}
