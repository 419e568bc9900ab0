import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ServicedeskDatabase } from '../database/ServicedeskStore';
import type { Clock } from './clock';
import { EventPublisher, requestEvent, SYSTEM_ACTOR } from './events';
import type { Notifier } from './Notifier';
import { isNewlyBreached } from './sla';

/** Finds the tickets past their SLA, records the breach once, publishes it and notifies. */
export class SlaMonitor {
  constructor(
    private readonly options: {
      db: ServicedeskDatabase;
      events: EventPublisher;
      notifier: Notifier;
      logger: LoggerService;
      clock: Clock;
    },
  ) {}

  /** The number of tickets newly breached. */
  async run(): Promise<number> {
    const { db, events, notifier, clock } = this.options;
    const due = await db.requests.dueForBreach(clock.now(), 100);
    let breached = 0;
    for (const candidate of due) {
      const record = await db.transaction(async tx => {
        const now = clock.now();
        const request = await tx.requests.getForUpdate(candidate.number);
        if (!request || !isNewlyBreached(request, now)) return undefined;
        await tx.requests.update(request.number, { slaBreachedAt: now });
        const updated = { ...request, slaBreachedAt: now };
        await events.publish(
          tx.trx,
          requestEvent('sla-breached', SYSTEM_ACTOR, updated, { breachedAt: new Date(now).toISOString(), slaHours: request.slaHours }),
        );
        return updated;
      });
      if (record) {
        breached += 1;
        this.options.logger.info(`${record.ticketId}: SLA of ${record.slaHours} h breached`);
        await notifier.slaBreached(record);
      }
    }
    return breached;
  }
}
