import type { Knex } from 'knex';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import { OUTBOX_TABLE } from './outboxMigration';
import type {
  DeliveryTarget,
  OutboxListQuery,
  OutboxRow,
  OutboxStats,
  OutboxStore,
} from './OutboxStore';

type DbRow = {
  seq: number | string;
  id: string;
  payload: string;
  created_at: number | string;
  events_delivered_at: number | string | null;
  kafka_delivered_at: number | string | null;
  delivered_at: number | string | null;
  attempts: number | string;
  event_failures: number | string;
  last_error: string | null;
  last_failed_at: number | string | null;
  next_attempt_at: number | string;
  dead_at: number | string | null;
};

const TARGET_COLUMN: Record<DeliveryTarget, string> = {
  events: 'events_delivered_at',
  kafka: 'kafka_delivered_at',
};

// PostgreSQL returns bigint as a string.
const num = (v: number | string): number => Number(v);
const optNum = (v: number | string | null): number | undefined =>
  v === null || v === undefined ? undefined : Number(v);

// SQLite allows 999 bound variables per statement in older builds; stay well below.
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function toRow(row: DbRow): OutboxRow {
  return {
    seq: num(row.seq),
    event: JSON.parse(row.payload) as PorticoEvent,
    createdAt: num(row.created_at),
    delivered: {
      events: optNum(row.events_delivered_at),
      kafka: optNum(row.kafka_delivered_at),
    },
    deliveredAt: optNum(row.delivered_at),
    attempts: num(row.attempts),
    eventFailures: num(row.event_failures),
    lastError: row.last_error ?? undefined,
    lastFailedAt: optNum(row.last_failed_at),
    nextAttemptAt: num(row.next_attempt_at),
    deadAt: optNum(row.dead_at),
  };
}

export class KnexOutboxStore implements OutboxStore {
  constructor(private readonly db: Knex) {}

  async append(trx: Knex | Knex.Transaction, events: PorticoEvent[]): Promise<void> {
    if (events.length === 0) return;
    const now = Date.now();
    for (const batch of chunks(events)) {
      await trx(OUTBOX_TABLE).insert(
        batch.map(event => ({
          id: event.id,
          topic: event.topic,
          type: event.type,
          subject: event.subject,
          actor: event.actor,
          tenant: event.tenant ?? null,
          trace_id: event.traceId,
          payload: JSON.stringify(event),
          occurred_at: Date.parse(event.occurredAt),
          created_at: now,
        })),
      );
    }
  }

  async claim(options: {
    runId: string;
    limit: number;
    now: number;
    leaseMs: number;
  }): Promise<OutboxRow[]> {
    const { runId, limit, now, leaseMs } = options;
    // Only rows that can go now enter the window, so a window's worth of backed-off or parked
    // rows cannot starve the rows behind them. A row can go when it is due, unclaimed, not
    // parked, and no earlier undelivered row of its subject is held back (order per subject).
    const window: Array<{ id: string }> = await this.db(`${OUTBOX_TABLE} as o`)
      .select('o.id')
      .whereNull('o.delivered_at')
      .whereNull('o.dead_at')
      .where('o.next_attempt_at', '<=', now)
      .where('o.claimed_until', '<=', now)
      .whereNotExists(q =>
        q
          .select(this.db.raw('1'))
          .from(`${OUTBOX_TABLE} as p`)
          .whereRaw('p.subject = o.subject')
          .whereRaw('p.seq < o.seq')
          .whereNull('p.delivered_at')
          .where(held =>
            held
              .whereNotNull('p.dead_at')
              .orWhere('p.next_attempt_at', '>', now)
              .orWhere('p.claimed_until', '>', now),
          ),
      )
      .orderBy('o.seq', 'asc')
      .limit(limit);
    const eligible = window.map(row => row.id);
    if (eligible.length === 0) return [];

    const claimedUntil = now + leaseMs;
    for (const ids of chunks(eligible)) {
      // The condition is checked again by the UPDATE itself: of two relays racing for a
      // row, one wins it.
      await this.db(OUTBOX_TABLE)
        .update({ claimed_by: runId, claimed_until: claimedUntil })
        .whereIn('id', ids)
        .whereNull('delivered_at')
        .whereNull('dead_at')
        .where('claimed_until', '<=', now);
    }
    let claimed = (
      await this.db<DbRow>(OUTBOX_TABLE)
        .select('*')
        .where('claimed_by', runId)
        .where('claimed_until', claimedUntil)
        .whereNull('delivered_at')
        .orderBy('seq', 'asc')
    ).map(toRow);

    // Another relay may hold an earlier row of a subject we claimed later rows of: give
    // those subjects back rather than overtake it.
    const firstSeqBySubject = new Map<string, number>();
    for (const row of claimed) {
      if (!firstSeqBySubject.has(row.event.subject)) {
        firstSeqBySubject.set(row.event.subject, row.seq);
      }
    }
    const overtaking = new Set<string>();
    for (const subjects of chunks([...firstSeqBySubject.keys()])) {
      const earliest: Array<{ subject: string; first: number | string }> = await this.db(OUTBOX_TABLE)
        .select('subject')
        .min({ first: 'seq' })
        .whereNull('delivered_at')
        .whereIn('subject', subjects)
        .groupBy('subject');
      for (const { subject, first } of earliest) {
        if (num(first) < firstSeqBySubject.get(subject)!) overtaking.add(subject);
      }
    }
    if (overtaking.size > 0) {
      const giveBack = claimed.filter(r => overtaking.has(r.event.subject)).map(r => r.event.id);
      for (const ids of chunks(giveBack)) {
        await this.db(OUTBOX_TABLE)
          .update({ claimed_by: null, claimed_until: 0 })
          .whereIn('id', ids)
          .where({ claimed_by: runId });
      }
      claimed = claimed.filter(r => !overtaking.has(r.event.subject));
    }
    return claimed;
  }

  async markDelivered(options: {
    runId: string;
    target: DeliveryTarget;
    ids: string[];
    now: number;
    requiredTargets: DeliveryTarget[];
  }): Promise<void> {
    const { runId, target, ids, now, requiredTargets } = options;
    for (const batch of chunks(ids)) {
      await this.db.transaction(async trx => {
        await trx(OUTBOX_TABLE)
          .update({ [TARGET_COLUMN[target]]: now })
          .whereIn('id', batch)
          .where({ claimed_by: runId });
        let complete = trx(OUTBOX_TABLE)
          .update({ delivered_at: now, claimed_by: null, claimed_until: 0 })
          .whereIn('id', batch)
          .where({ claimed_by: runId });
        for (const required of requiredTargets) {
          complete = complete.whereNotNull(TARGET_COLUMN[required]);
        }
        await complete;
      });
    }
  }

  async markFailed(options: {
    runId: string;
    ids: string[];
    error: string;
    now: number;
    nextAttemptAt: number;
    eventFailure: boolean;
    park: boolean;
  }): Promise<void> {
    const { runId, ids, error, now, nextAttemptAt, eventFailure, park } = options;
    for (const batch of chunks(ids)) {
      await this.db(OUTBOX_TABLE)
        .update({
          attempts: this.db.raw('attempts + 1'),
          event_failures: eventFailure ? this.db.raw('event_failures + 1') : this.db.raw('event_failures'),
          last_error: error.slice(0, 4000),
          last_failed_at: now,
          next_attempt_at: nextAttemptAt,
          dead_at: park ? now : null,
          claimed_by: null,
          claimed_until: 0,
        })
        .whereIn('id', batch)
        .where({ claimed_by: runId });
    }
  }

  async release(runId: string): Promise<void> {
    await this.db(OUTBOX_TABLE)
      .update({ claimed_by: null, claimed_until: 0 })
      .where({ claimed_by: runId });
  }

  async stats(): Promise<OutboxStats> {
    const [row] = await this.db(OUTBOX_TABLE)
      .whereNull('delivered_at')
      .select(
        this.db.raw('sum(case when dead_at is null then 1 else 0 end) as pending'),
        this.db.raw('sum(case when dead_at is null and attempts > 0 then 1 else 0 end) as failing'),
        this.db.raw('sum(case when dead_at is null then 0 else 1 end) as dead'),
        this.db.raw('min(case when dead_at is null then created_at end) as oldest'),
      );
    return {
      pending: Number(row?.pending ?? 0),
      failing: Number(row?.failing ?? 0),
      deadLetter: Number(row?.dead ?? 0),
      oldestPendingCreatedAt: optNum(row?.oldest ?? null),
    };
  }

  async prune(deliveredBefore: number): Promise<number> {
    return this.db(OUTBOX_TABLE)
      .whereNotNull('delivered_at')
      .where('delivered_at', '<', deliveredBefore)
      .delete();
  }

  async list(query: OutboxListQuery): Promise<OutboxRow[]> {
    const q = this.db<DbRow>(OUTBOX_TABLE).select('*');
    if (query.topic) q.where('topic', query.topic);
    if (query.type) q.where('type', query.type);
    if (query.subject) q.where('subject', query.subject);
    if (query.from !== undefined) q.where('occurred_at', '>=', query.from);
    if (query.to !== undefined) q.where('occurred_at', '<=', query.to);
    if (query.state === 'delivered') q.whereNotNull('delivered_at');
    if (query.state === 'pending') q.whereNull('delivered_at').whereNull('dead_at').where('attempts', 0);
    if (query.state === 'failing') q.whereNull('delivered_at').whereNull('dead_at').where('attempts', '>', 0);
    if (query.state === 'dead-letter') q.whereNull('delivered_at').whereNotNull('dead_at');
    if (query.before) {
      const { occurredAt, seq } = query.before;
      q.where(b =>
        b
          .where('occurred_at', '<', occurredAt)
          .orWhere(bb => bb.where('occurred_at', occurredAt).where('seq', '<', seq)),
      );
    }
    const rows = await q
      .orderBy([
        { column: 'occurred_at', order: 'desc' },
        { column: 'seq', order: 'desc' },
      ])
      .limit(query.limit);
    return rows.map(toRow);
  }

  async get(id: string): Promise<OutboxRow | undefined> {
    const row = await this.db<DbRow>(OUTBOX_TABLE).where({ id }).first();
    return row ? toRow(row) : undefined;
  }

  async retryNow(id: string): Promise<'scheduled' | 'not-found' | 'delivered'> {
    const row = await this.db(OUTBOX_TABLE).select('delivered_at').where({ id }).first();
    if (!row) return 'not-found';
    if (row.delivered_at !== null) return 'delivered';
    // A parked row keeps its event failures: failing once more parks it again at once.
    await this.db(OUTBOX_TABLE)
      .update({ next_attempt_at: 0, dead_at: null })
      .where({ id })
      .whereNull('delivered_at');
    return 'scheduled';
  }
}
