import type { Knex } from 'knex';
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import { EventNotice, notifyAboutEvent } from './notifyAboutEvent';

/** Made by notificationOutboxMigration, in each plugin's own database. */
export const NOTIFICATION_OUTBOX_TABLE = 'portico_notification_outbox';

const BATCH = 50;
const MAX_ATTEMPTS = 10;

/**
 * The notification outbox table, for a plugin's own migrations (beside `porticoOutboxMigration`).
 */
export const notificationOutboxMigration = {
  async up(knex: Knex) {
    await knex.schema.createTable(NOTIFICATION_OUTBOX_TABLE, table => {
      table.comment(
        'Notifications to send, written by an event consumer in its transaction and sent by a task outside any transaction',
      );
      table.bigIncrements('seq').primary();
      table.string('event_id', 36).notNullable();
      table
        .text('payload')
        .notNullable()
        .comment('The event and the notice, as JSON');
      table.integer('attempts').notNullable().defaultTo(0);
      table.text('last_error').nullable();
      table.bigInteger('next_attempt_at').notNullable().defaultTo(0);
      table.index(['next_attempt_at'], `${NOTIFICATION_OUTBOX_TABLE}_due_idx`);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable(NOTIFICATION_OUTBOX_TABLE);
  },
};

/**
 * Notifications wait here between an event consumer and the notifications backend. Sending is an
 * HTTP call, and the notifications backend checks the caller's token against the caller's keys
 * (JWKS), which live in the caller's own database; made inside the consumer's transaction, it
 * would hold the only SQLite connection while the key lookup waits for it (a deadlock until the
 * request times out). So the consumer only writes the notice, in its transaction (nothing lost,
 * nothing doubled), and `sendDue` sends outside any transaction, retrying with back-off.
 */
export class NotificationOutbox {
  private readonly table = NOTIFICATION_OUTBOX_TABLE;

  constructor(
    private readonly options: {
      knex: Knex;
      notifications: NotificationService;
      logger: LoggerService;
      clock?: () => number;
    },
  ) {}

  private now() {
    return (this.options.clock ?? Date.now)();
  }

  /** Queues a notice in the caller's transaction. */
  async enqueue(
    trx: Knex.Transaction,
    event: PorticoEvent,
    notice: EventNotice,
  ): Promise<void> {
    await trx(this.table).insert({
      event_id: event.id,
      payload: JSON.stringify({ event, notice }),
      next_attempt_at: 0,
    });
  }

  /** Sends what is due, oldest first; returns how many were sent. */
  async sendDue(): Promise<number> {
    const { knex, notifications, logger } = this.options;
    const rows = await knex(this.table)
      .where('next_attempt_at', '<=', this.now())
      .orderBy('seq')
      .limit(BATCH);
    let sent = 0;
    for (const row of rows) {
      const { event, notice } = JSON.parse(row.payload) as {
        event: PorticoEvent;
        notice: EventNotice;
      };
      try {
        await notifyAboutEvent(notifications, event, notice);
        await knex(this.table).where({ seq: row.seq }).delete();
        sent++;
      } catch (error) {
        const attempts = Number(row.attempts) + 1;
        if (attempts >= MAX_ATTEMPTS) {
          logger.error(
            `Dropped the notification of event ${event.id} after ${attempts} attempts: ${error}`,
          );
          await knex(this.table).where({ seq: row.seq }).delete();
        } else {
          logger.warn(
            `Sending the notification of event ${event.id} failed, will retry: ${error}`,
          );
          await knex(this.table)
            .where({ seq: row.seq })
            .update({
              attempts,
              last_error: String(error).slice(0, 2000),
              next_attempt_at:
                this.now() + Math.min(600_000, 5_000 * 2 ** (attempts - 1)),
            });
        }
      }
    }
    return sent;
  }

  /** Sends due notices every `seconds` (one runner at a time across instances). */
  async schedule(options: {
    scheduler: SchedulerService;
    id: string;
    seconds?: number;
  }): Promise<void> {
    await options.scheduler.scheduleTask({
      id: options.id,
      frequency: { seconds: options.seconds ?? 5 },
      timeout: { minutes: 5 },
      scope: 'global',
      fn: async () => {
        await this.sendDue();
      },
    });
  }
}
