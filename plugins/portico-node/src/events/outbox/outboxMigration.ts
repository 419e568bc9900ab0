import type { Knex } from 'knex';

export const OUTBOX_TABLE = 'portico_outbox';
export const PROCESSED_EVENTS_TABLE = 'portico_processed_events';
export const CONSUMER_RETRIES_TABLE = 'portico_consumer_retries';

/**
 * The outbox and the consumer's processed-events tables, for a plugin to include in its own
 * knex migrations (each plugin has its own database):
 *
 * ```js
 * // migrations/20261121000000_portico_outbox.js
 * const { porticoOutboxMigration } = require('@portico/portico-node');
 * exports.up = knex => porticoOutboxMigration.up(knex);
 * exports.down = knex => porticoOutboxMigration.down(knex);
 * ```
 *
 * Times are epoch milliseconds in bigint columns: comparisons with "now" and ordering are
 * then the same on SQLite and PostgreSQL.
 */
export const porticoOutboxMigration = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable(OUTBOX_TABLE, table => {
      table.comment('Domain events written in the same transaction as the change, relayed after commit');
      table.bigIncrements('seq').primary().comment('Write order; the relay delivers in this order per subject');
      table.string('id', 36).notNullable().unique().comment('Event id (uuid), deduplication key for consumers');
      table.string('topic', 64).notNullable();
      table.string('type', 64).notNullable();
      table.string('subject', 255).notNullable().comment('Aggregate the event is about; Kafka message key');
      table.string('actor', 255).notNullable();
      table.string('tenant', 63).nullable();
      table.string('trace_id', 128).notNullable();
      table.text('payload').notNullable().comment('The whole envelope as JSON');
      table.bigInteger('occurred_at').notNullable();
      table.bigInteger('created_at').notNullable();
      table.bigInteger('events_delivered_at').nullable().comment('Taken by the Backstage events service');
      table.bigInteger('kafka_delivered_at').nullable().comment('Acknowledged by Kafka');
      table.bigInteger('delivered_at').nullable().comment('Every configured target took it');
      table.integer('attempts').notNullable().defaultTo(0);
      table.text('last_error').nullable();
      table.bigInteger('next_attempt_at').notNullable().defaultTo(0);
      table.string('claimed_by', 64).nullable();
      table.bigInteger('claimed_until').notNullable().defaultTo(0);
      table.index(['delivered_at', 'seq'], 'portico_outbox_pending_idx');
      table.index(['subject', 'seq'], 'portico_outbox_subject_idx');
      table.index(['topic', 'occurred_at'], 'portico_outbox_topic_idx');
      table.index(['occurred_at'], 'portico_outbox_occurred_idx');
    });
    await knex.schema.createTable(PROCESSED_EVENTS_TABLE, table => {
      table.comment('Event ids a consumer has processed, so that a redelivery is skipped');
      table.string('consumer', 64).notNullable();
      table.string('event_id', 36).notNullable();
      table.bigInteger('processed_at').notNullable();
      table.primary(['consumer', 'event_id']);
      table.index(['processed_at'], 'portico_processed_events_time_idx');
    });
    await knex.schema.createTable(CONSUMER_RETRIES_TABLE, table => {
      table.comment(
        'Events a consumer failed to process; Backstage events drop them, so they wait here for a retry',
      );
      table.string('consumer', 64).notNullable();
      table.string('event_id', 36).notNullable();
      table.text('payload').notNullable();
      table.integer('attempts').notNullable().defaultTo(1);
      table.text('last_error').nullable();
      table.bigInteger('next_attempt_at').notNullable();
      table.primary(['consumer', 'event_id']);
      table.index(['consumer', 'next_attempt_at'], 'portico_consumer_retries_due_idx');
    });
  },

  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable(CONSUMER_RETRIES_TABLE);
    await knex.schema.dropTable(PROCESSED_EVENTS_TABLE);
    await knex.schema.dropTable(OUTBOX_TABLE);
  },
};

/**
 * Dead letter for the outbox: an event refused `portico.events.relay.maxAttempts` times by a
 * target that took other events is parked (`dead_at`) until someone retries it. A plugin that
 * includes `porticoOutboxMigration` includes this one too, in a later migration file:
 *
 * ```js
 * // migrations/20261205120000_portico_outbox_dead_letter.js
 * const { porticoOutboxDeadLetterMigration } = require('@portico/portico-node');
 * exports.up = knex => porticoOutboxDeadLetterMigration.up(knex);
 * exports.down = knex => porticoOutboxDeadLetterMigration.down(knex);
 * ```
 */
export const porticoOutboxDeadLetterMigration = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable(OUTBOX_TABLE, table => {
      table
        .integer('event_failures')
        .notNullable()
        .defaultTo(0)
        .comment('Failed attempts the target blamed on this event (not on being unreachable)');
      table.bigInteger('last_failed_at').nullable().comment('When the last attempt failed');
      table.bigInteger('dead_at').nullable().comment('Parked as dead letter: not retried until someone asks');
    });
  },

  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable(OUTBOX_TABLE, table => {
      table.dropColumn('dead_at');
      table.dropColumn('last_failed_at');
      table.dropColumn('event_failures');
    });
  },
};
