import type { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { columnValues } from '@portico/portico-node';
import type {
  AckRecord,
  AckStore,
  AlertFilter,
  AlertRecord,
  AlertStore,
  ComponentRecord,
  ComponentStore,
  HealthCheckRecord,
  HealthStore,
  MonitoringDatabase,
  MonitoringStores,
  NotifiedStore,
} from './MonitoringStore';

export const ALERTS = 'monitoring_alerts';
export const ACKS = 'monitoring_acks';
export const COMPONENTS = 'monitoring_components';
export const HEALTH = 'monitoring_health_checks';
export const NOTIFIED = 'monitoring_notified';

type Db = Knex | Knex.Transaction;
type Row = Record<string, any>;
const { num, optNum, optStr } = columnValues;

/** Lower-cased `name=value` lines: what the label search looks in. */
export function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')
    .toLowerCase();
}

function toAlert(row: Row): AlertRecord {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    startsAt: num(row.starts_at),
    state: row.state,
    alertname: row.alertname,
    severity: row.severity,
    summary: optStr(row.summary),
    description: optStr(row.description),
    labels: JSON.parse(row.labels),
    annotations: JSON.parse(row.annotations),
    generatorUrl: optStr(row.generator_url),
    source: row.source,
    groupKey: row.group_key,
    receiver: optStr(row.receiver),
    componentRef: optStr(row.component_ref),
    ownerRef: optStr(row.owner_ref),
    acknowledgedAt: optNum(row.acknowledged_at),
    resolvedAt: optNum(row.resolved_at),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

const ALERT_COLUMNS: Record<string, string> = {
  state: 'state',
  alertname: 'alertname',
  severity: 'severity',
  summary: 'summary',
  description: 'description',
  generatorUrl: 'generator_url',
  source: 'source',
  groupKey: 'group_key',
  receiver: 'receiver',
  componentRef: 'component_ref',
  ownerRef: 'owner_ref',
  acknowledgedAt: 'acknowledged_at',
  resolvedAt: 'resolved_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

function alertColumns(patch: Partial<AlertRecord>): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'labels') {
      row.labels = JSON.stringify(value);
      row.label_text = labelText(value as Record<string, string>);
    } else if (key === 'annotations') {
      row.annotations = JSON.stringify(value);
    } else {
      const column = ALERT_COLUMNS[key];
      if (!column) throw new Error(`Unknown alert field ${key}`);
      row[column] = value ?? null;
    }
  }
  return row;
}

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, c => `\\${c}`);
}

class KnexAlertStore implements AlertStore {
  constructor(private readonly db: Db) {}

  private filtered(filter: AlertFilter) {
    const q = this.db(ALERTS);
    if (filter.states?.length) q.whereIn('state', filter.states);
    if (filter.severities?.length) q.whereIn('severity', filter.severities);
    if (filter.componentRef) q.where('component_ref', filter.componentRef);
    if (filter.ownerRef) q.where('owner_ref', filter.ownerRef);
    if (filter.unmapped) q.whereNull('component_ref');
    if (filter.labelSearch) {
      q.whereRaw(`label_text like ? escape '\\'`, [`%${escapeLike(filter.labelSearch.toLowerCase())}%`]);
    }
    return q;
  }

  async insert(record: AlertRecord) {
    await this.db(ALERTS).insert({
      id: record.id,
      fingerprint: record.fingerprint,
      starts_at: record.startsAt,
      ...alertColumns({
        state: record.state,
        alertname: record.alertname,
        severity: record.severity,
        summary: record.summary,
        description: record.description,
        labels: record.labels,
        annotations: record.annotations,
        generatorUrl: record.generatorUrl,
        source: record.source,
        groupKey: record.groupKey,
        receiver: record.receiver,
        componentRef: record.componentRef,
        ownerRef: record.ownerRef,
        acknowledgedAt: record.acknowledgedAt,
        resolvedAt: record.resolvedAt,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
      }),
    });
  }

  async findOccurrence(fingerprint: string, startsAt: number) {
    const q = this.db(ALERTS).where({ fingerprint, starts_at: startsAt }).first();
    if (this.db.isTransaction && this.db.client.config.client !== 'better-sqlite3') q.forUpdate();
    const row = await q;
    return row ? toAlert(row) : undefined;
  }

  async get(id: string) {
    const row = await this.db(ALERTS).where({ id }).first();
    return row ? toAlert(row) : undefined;
  }

  async update(id: string, patch: Partial<AlertRecord>) {
    await this.db(ALERTS).where({ id }).update(alertColumns(patch));
  }

  async transition(id: string, from: AlertRecord['state'][], to: AlertRecord['state'], patch: Partial<AlertRecord>) {
    const n = await this.db(ALERTS)
      .where({ id })
      .whereIn('state', from)
      .update(alertColumns({ ...patch, state: to }));
    return n > 0;
  }

  async list(filter: AlertFilter, page: { limit: number; offset: number }) {
    const query = this.filtered(filter);
    const [{ count }] = await query.clone().count({ count: '*' });
    // Grouped like Alertmanager: a group's alerts together, the most recently started group first.
    const rows = await query
      .select('*')
      .orderByRaw(`case state when 'firing' then 0 when 'acknowledged' then 1 else 2 end`)
      .orderBy([{ column: 'group_key' }, { column: 'starts_at', order: 'desc' }, { column: 'id' }])
      .limit(page.limit)
      .offset(page.offset);
    return { items: rows.map(toAlert), totalCount: Number(count) };
  }

  async openOfFingerprint(fingerprint: string) {
    const rows = await this.db(ALERTS).where({ fingerprint }).whereIn('state', ['firing', 'acknowledged']);
    return rows.map(toAlert);
  }

  async countBy(column: 'severity' | 'state', filter: AlertFilter) {
    const rows = await this.filtered(filter).select(column).count({ count: '*' }).groupBy(column);
    return Object.fromEntries(rows.map((r: Row) => [r[column], Number(r.count)]));
  }

  async meanTimes(since: number, filter: AlertFilter) {
    const [acked] = await this.filtered(filter)
      .where('starts_at', '>=', since)
      .whereNotNull('acknowledged_at')
      .avg({ value: this.db.raw('acknowledged_at - starts_at') });
    const [resolved] = await this.filtered(filter)
      .where('starts_at', '>=', since)
      .whereNotNull('resolved_at')
      .avg({ value: this.db.raw('resolved_at - starts_at') });
    const mean = (row: Row | undefined) =>
      row?.value === null || row?.value === undefined ? undefined : Math.round(Number(row.value));
    return { mtta: mean(acked), mttr: mean(resolved) };
  }

  async openCountsByComponent(componentRefs: string[]) {
    if (componentRefs.length === 0) return [];
    const rows = await this.db(ALERTS)
      .whereIn('component_ref', componentRefs)
      .whereIn('state', ['firing', 'acknowledged'])
      .select('component_ref', 'state', 'severity')
      .count({ count: '*' })
      .groupBy('component_ref', 'state', 'severity');
    return rows.map((r: Row) => ({
      componentRef: r.component_ref,
      state: r.state,
      severity: r.severity,
      count: Number(r.count),
    }));
  }
}

function toAck(row: Row): AckRecord {
  return {
    id: num(row.id),
    alertId: row.alert_id,
    ackedBy: row.acked_by,
    ackedAt: num(row.acked_at),
    comment: row.comment,
    expiresAt: num(row.expires_at),
    silenceId: optStr(row.silence_id),
    endedAt: optNum(row.ended_at),
    endedReason: optStr(row.ended_reason) as AckRecord['endedReason'],
    silenceOpen: Boolean(row.silence_open),
  };
}

class KnexAckStore implements AckStore {
  constructor(private readonly db: Db) {}

  async open(alertId: string) {
    const row = await this.db(ACKS).where({ alert_id: alertId }).whereNull('ended_at').first();
    return row ? toAck(row) : undefined;
  }

  async openMany(alertIds: string[]) {
    if (alertIds.length === 0) return [];
    return (await this.db(ACKS).whereIn('alert_id', alertIds).whereNull('ended_at')).map(toAck);
  }

  async insert(record: Omit<AckRecord, 'id'>) {
    const [row] = await this.db(ACKS)
      .insert({
        alert_id: record.alertId,
        acked_by: record.ackedBy,
        acked_at: record.ackedAt,
        comment: record.comment,
        expires_at: record.expiresAt,
        silence_id: record.silenceId ?? null,
        silence_open: record.silenceOpen,
      })
      .returning('*');
    return toAck(row);
  }

  async end(id: number, endedAt: number, reason: NonNullable<AckRecord['endedReason']>) {
    const n = await this.db(ACKS).where({ id }).whereNull('ended_at').update({ ended_at: endedAt, ended_reason: reason });
    return n > 0;
  }

  async expiredBefore(now: number, limit: number) {
    return (await this.db(ACKS).whereNull('ended_at').where('expires_at', '<=', now).orderBy('expires_at').limit(limit)).map(toAck);
  }

  async silencesToDelete(limit: number) {
    return (await this.db(ACKS).where({ silence_open: true }).whereNotNull('ended_at').orderBy('id').limit(limit)).map(toAck);
  }

  async silenceDeleted(id: number) {
    await this.db(ACKS).where({ id }).update({ silence_open: false });
  }
}

function toComponent(row: Row): ComponentRecord {
  return {
    entityRef: row.entity_ref,
    name: row.name,
    title: optStr(row.title),
    ownerRef: optStr(row.owner_ref),
    alertSelector: optStr(row.alert_selector),
    healthUrl: optStr(row.health_url),
    slo: optStr(row.slo),
    grafanaUrl: optStr(row.grafana_url),
    hash: row.hash,
  };
}

class KnexComponentStore implements ComponentStore {
  constructor(private readonly db: Db) {}

  async get(entityRef: string) {
    const row = await this.db(COMPONENTS).where({ entity_ref: entityRef.toLowerCase() }).first();
    return row ? toComponent(row) : undefined;
  }

  async byName(name: string) {
    return (await this.db(COMPONENTS).where({ name: name.toLowerCase() }).orderBy('entity_ref')).map(toComponent);
  }

  async withSelector() {
    return (await this.db(COMPONENTS).whereNotNull('alert_selector').orderBy('entity_ref')).map(toComponent);
  }

  async withHealthUrl(limit: number, offset: number) {
    return (
      await this.db(COMPONENTS).whereNotNull('health_url').orderBy('entity_ref').limit(limit).offset(offset)
    ).map(toComponent);
  }

  async hashes(entityRefs: string[]) {
    if (entityRefs.length === 0) return new Map<string, string>();
    const rows = await this.db(COMPONENTS).whereIn('entity_ref', entityRefs).select('entity_ref', 'hash');
    return new Map(rows.map((r: Row) => [r.entity_ref as string, r.hash as string]));
  }

  async upsert(record: ComponentRecord, syncId: number) {
    const row = {
      name: record.name.toLowerCase(),
      title: record.title ?? null,
      owner_ref: record.ownerRef ?? null,
      alert_selector: record.alertSelector ?? null,
      health_url: record.healthUrl ?? null,
      slo: record.slo ?? null,
      grafana_url: record.grafanaUrl ?? null,
      hash: record.hash,
      seen_in_sync: syncId,
    };
    await this.db(COMPONENTS)
      .insert({ entity_ref: record.entityRef, ...row })
      .onConflict('entity_ref')
      .merge(row);
  }

  async markSeen(entityRefs: string[], syncId: number) {
    if (entityRefs.length === 0) return;
    await this.db(COMPONENTS).whereIn('entity_ref', entityRefs).update({ seen_in_sync: syncId });
  }

  async deleteNotSeen(syncId: number) {
    return this.db(COMPONENTS).where('seen_in_sync', '<', syncId).delete();
  }

  async ownedBy(ownerRefs: string[]) {
    if (ownerRefs.length === 0) return [];
    const rows = await this.db(COMPONENTS).whereIn('owner_ref', ownerRefs).select('entity_ref');
    return rows.map((r: Row) => r.entity_ref as string);
  }
}

class KnexHealthStore implements HealthStore {
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

class KnexNotifiedStore implements NotifiedStore {
  constructor(private readonly db: Db) {}

  async lastNotified(fingerprint: string) {
    const row = await this.db(NOTIFIED).where({ fingerprint }).first();
    return row ? num(row.notified_at) : undefined;
  }

  async record(fingerprint: string, at: number) {
    await this.db(NOTIFIED).insert({ fingerprint, notified_at: at }).onConflict('fingerprint').merge({ notified_at: at });
  }
}

function storesOn(db: Db): MonitoringStores {
  return {
    alerts: new KnexAlertStore(db),
    acks: new KnexAckStore(db),
    components: new KnexComponentStore(db),
    health: new KnexHealthStore(db),
    notified: new KnexNotifiedStore(db),
  };
}

export class KnexMonitoringDatabase implements MonitoringDatabase {
  readonly alerts: KnexAlertStore;
  readonly acks: KnexAckStore;
  readonly components: KnexComponentStore;
  readonly health: KnexHealthStore;
  readonly notified: KnexNotifiedStore;

  static async create(options: { knex: Knex; skipMigrations?: boolean }) {
    if (!options.skipMigrations) {
      await options.knex.migrate.latest({
        directory: resolvePackagePath('@portico/plugin-monitoring-backend', 'migrations'),
      });
    }
    return new KnexMonitoringDatabase(options.knex);
  }

  private constructor(readonly knex: Knex) {
    const stores = storesOn(knex);
    this.alerts = stores.alerts as KnexAlertStore;
    this.acks = stores.acks as KnexAckStore;
    this.components = stores.components as KnexComponentStore;
    this.health = stores.health as KnexHealthStore;
    this.notified = stores.notified as KnexNotifiedStore;
  }

  transaction<T>(fn: (tx: MonitoringStores & { trx: Knex.Transaction }) => Promise<T>): Promise<T> {
    return this.knex.transaction(trx => fn({ ...storesOn(trx), trx }));
  }
}
