import type { Knex } from 'knex';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import { CONSUMER_RETRIES_TABLE, PROCESSED_EVENTS_TABLE } from '../outbox/outboxMigration';

class AlreadyProcessed extends Error {}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' || // PostgreSQL
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

export type ConsumeOutcome = 'processed' | 'duplicate';

/**
 * Effectively-once processing over at-least-once delivery: the event id is recorded in the
 * consumer's database in the same transaction as the handler's writes. A redelivered event
 * finds its id and is skipped; a handler that throws leaves no trace, so a redelivery runs it
 * again.
 */
export class EventConsumer {
  constructor(
    private readonly db: Knex,
    readonly consumer: string,
  ) {
    if (!/^[a-z][a-z0-9.:-]{0,63}$/.test(consumer)) {
      throw new Error(`Invalid consumer name '${consumer}': lowercase, digits, '.', ':', '-'`);
    }
  }

  async handle(
    event: PorticoEvent,
    handler: (event: PorticoEvent, trx: Knex.Transaction) => Promise<void>,
  ): Promise<ConsumeOutcome> {
    try {
      await this.db.transaction(async trx => {
        try {
          await trx(PROCESSED_EVENTS_TABLE).insert({
            consumer: this.consumer,
            event_id: event.id,
            processed_at: Date.now(),
          });
        } catch (error) {
          if (isUniqueViolation(error)) throw new AlreadyProcessed();
          throw error;
        }
        await handler(event, trx);
        await trx(CONSUMER_RETRIES_TABLE)
          .where({ consumer: this.consumer, event_id: event.id })
          .delete();
      });
      return 'processed';
    } catch (error) {
      if (error instanceof AlreadyProcessed) {
        await this.db(CONSUMER_RETRIES_TABLE)
          .where({ consumer: this.consumer, event_id: event.id })
          .delete();
        return 'duplicate';
      }
      throw error;
    }
  }

  async hasProcessed(eventId: string): Promise<boolean> {
    const row = await this.db(PROCESSED_EVENTS_TABLE)
      .where({ consumer: this.consumer, event_id: eventId })
      .first();
    return Boolean(row);
  }

  /** Keeps a failed event for a later retry (or pushes its next attempt back). */
  async deferRetry(event: PorticoEvent, error: string, nextAttemptAt: number): Promise<void> {
    const existing = await this.db(CONSUMER_RETRIES_TABLE)
      .where({ consumer: this.consumer, event_id: event.id })
      .first();
    if (existing) {
      await this.db(CONSUMER_RETRIES_TABLE)
        .where({ consumer: this.consumer, event_id: event.id })
        .update({
          attempts: Number(existing.attempts) + 1,
          last_error: error.slice(0, 4000),
          next_attempt_at: nextAttemptAt,
        });
      return;
    }
    await this.db(CONSUMER_RETRIES_TABLE)
      .insert({
        consumer: this.consumer,
        event_id: event.id,
        payload: JSON.stringify(event),
        attempts: 1,
        last_error: error.slice(0, 4000),
        next_attempt_at: nextAttemptAt,
      })
      .onConflict(['consumer', 'event_id'])
      .ignore();
  }

  async dueRetries(now: number, limit = 100): Promise<Array<{ event: PorticoEvent; attempts: number }>> {
    const rows = await this.db(CONSUMER_RETRIES_TABLE)
      .where({ consumer: this.consumer })
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at', 'asc')
      .limit(limit);
    return rows.map(row => ({ event: JSON.parse(row.payload), attempts: Number(row.attempts) }));
  }

  /** Forgets processed ids older than `before` (redeliveries come within minutes, not weeks). */
  async prune(before: number): Promise<number> {
    return this.db(PROCESSED_EVENTS_TABLE)
      .where({ consumer: this.consumer })
      .where('processed_at', '<', before)
      .delete();
  }
}
