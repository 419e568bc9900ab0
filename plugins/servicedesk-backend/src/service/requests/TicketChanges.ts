import type { Knex } from 'knex';
import type { ServiceRequest } from '@portico/plugin-servicedesk-common';
import type {
  RequestRecord,
  ServicedeskDatabase,
  ServicedeskStores,
} from '../../database/ServicedeskStore';
import type { Caller } from '../AccessService';
import type { Clock } from '../clock';
import { syncPauseRows } from '../ticketClock';
import { loadTicket, requireReader } from './ticketAccess';
import type { TicketViews } from './TicketViews';

export type Tx = ServicedeskStores & { trx: Knex.Transaction };

/** What a change did: the ticket after it, and work to run once committed (notifications). */
export interface TicketChangeResult {
  record: RequestRecord;
  after?: () => Promise<unknown>;
}

export type TicketChange = (
  tx: Tx,
  record: RequestRecord,
  now: number,
) => Promise<TicketChangeResult>;

/**
 * One change to a ticket in a transaction that locks it (PostgreSQL), with the SLA pause
 * rows following the pause fields; `after` runs once committed. Shared by every service that
 * works an existing ticket, so that they all lock, read and answer the same way.
 */
export class TicketChanges {
  constructor(
    private readonly options: {
      db: ServicedeskDatabase;
      clock: Clock;
      views: TicketViews;
    },
  ) {}

  async apply(
    caller: Caller,
    ticketId: string,
    change: TicketChange,
  ): Promise<ServiceRequest> {
    const { db, clock, views } = this.options;
    const loaded = await loadTicket(db.requests, ticketId);
    requireReader(caller, loaded);
    const { record, after } = await db.transaction(async tx => {
      const current = (await tx.requests.getForUpdate(loaded.number))!;
      const now = clock.now();
      const result = await change(tx, current, now);
      await syncPauseRows(tx, current, result.record, now);
      return result;
    });
    await after?.();
    return views.view(caller, record);
  }
}
