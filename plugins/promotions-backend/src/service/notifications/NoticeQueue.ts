import type { Knex } from 'knex';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import { notifyAboutEvent } from '@portico/portico-node';
import type { PromotionNotice } from './promotionNotifications';

export const NOTICES = 'promotion_notices';

const BATCH = 50;
const MAX_ATTEMPTS = 10;

/**
 * Notifications wait here between the event consumer and the notifications backend. Sending
 * is an HTTP call that needs this plugin's keys (JWKS) from its own database; made inside the
 * consumer's transaction it would hold the only SQLite connection while the keys wait for it.
 * So the consumer only writes the notice (in its transaction: nothing is lost or doubled), and
 * `sendDue` sends outside any transaction, retrying with back-off.
 */
export class NoticeQueue {
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

  async enqueue(trx: Knex.Transaction, event: PorticoEvent, notice: PromotionNotice): Promise<void> {
    await trx(NOTICES).insert({ event_id: event.id, payload: JSON.stringify({ event, notice }), next_attempt_at: 0 });
  }

  async sendDue(): Promise<number> {
    const { knex, notifications, logger } = this.options;
    const rows = await knex(NOTICES).where('next_attempt_at', '<=', this.now()).orderBy('seq').limit(BATCH);
    let sent = 0;
    for (const row of rows) {
      const { event, notice } = JSON.parse(row.payload) as { event: PorticoEvent; notice: PromotionNotice };
      try {
        await notifyAboutEvent(notifications, event, notice);
        await knex(NOTICES).where({ seq: row.seq }).delete();
        sent++;
      } catch (error) {
        const attempts = Number(row.attempts) + 1;
        if (attempts >= MAX_ATTEMPTS) {
          logger.error(`Dropped the notification of event ${event.id} after ${attempts} attempts: ${error}`);
          await knex(NOTICES).where({ seq: row.seq }).delete();
        } else {
          logger.warn(`Sending the notification of event ${event.id} failed, will retry: ${error}`);
          await knex(NOTICES)
            .where({ seq: row.seq })
            .update({
              attempts,
              last_error: String(error).slice(0, 2000),
              next_attempt_at: this.now() + Math.min(600_000, 5_000 * 2 ** (attempts - 1)),
            });
        }
      }
    }
    return sent;
  }
}
