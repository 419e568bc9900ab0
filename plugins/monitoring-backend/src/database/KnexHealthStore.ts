import { columnValues } from '@portico/portico-node';
import type { HealthCheckRecord, HealthStore, NotifiedStore } from './MonitoringStore';
import { chunks, Db, HEALTH, NOTIFIED, Row } from './tables';

const { num, optNum, optStr } = columnValues;

export class KnexHealthStore implements HealthStore {
  constructor(private readonly db: Db) {}

  async insert(record: HealthCheckRecord) {
    await this.db(HEALTH).insert({
      entity_ref: record.entityRef,
      checked_at: record.checkedAt,
      up: record.up,
      latency_ms: record.latencyMs ?? null,
      status_code: record.statusCode ?? null,
      error: record.error ?? null,
    });
  }

  async recent(entityRef: string, limit: number) {
    const rows = await this.db(HEALTH).where({ entity_ref: entityRef }).orderBy('checked_at', 'desc').limit(limit);
    return rows.map((r: Row) => ({
      entityRef: r.entity_ref,
      checkedAt: num(r.checked_at),
      up: Boolean(r.up),
      latencyMs: optNum(r.latency_ms),
      statusCode: optNum(r.status_code),
      error: optStr(r.error),
    }));
  }

  async uptime(entityRef: string, since: number) {
    const [row] = await this.db(HEALTH)
      .where({ entity_ref: entityRef })
      .where('checked_at', '>=', since)
      .select(this.db.raw('count(*) as total'), this.db.raw('sum(case when up then 1 else 0 end) as ups'));
    const total = Number((row as Row).total);
    return total === 0 ? undefined : Number((row as Row).ups) / total;
  }

  async prune(before: number) {
    return this.db(HEALTH).where('checked_at', '<', before).delete();
  }
}

export class KnexNotifiedStore implements NotifiedStore {
  constructor(private readonly db: Db) {}

  async lastNotified(fingerprint: string) {
    const row = await this.db(NOTIFIED).where({ fingerprint }).first();
    return row ? num(row.notified_at) : undefined;
  }

  async lastNotifiedMany(fingerprints: string[]) {
    const found = new Map<string, number>();
    for (const part of chunks([...new Set(fingerprints)])) {
      for (const row of await this.db(NOTIFIED).whereIn('fingerprint', part)) {
        found.set(row.fingerprint, num(row.notified_at));
      }
    }
    return found;
  }

  async recordMany(fingerprints: string[], at: number) {
    for (const part of chunks([...new Set(fingerprints)])) {
      await this.db(NOTIFIED)
        .insert(part.map(fingerprint => ({ fingerprint, notified_at: at })))
        .onConflict('fingerprint')
        .merge({ notified_at: at });
    }
  }

  async record(fingerprint: string, at: number) {
    await this.db(NOTIFIED).insert({ fingerprint, notified_at: at }).onConflict('fingerprint').merge({ notified_at: at });
  }
}

