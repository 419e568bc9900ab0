import { columnValues, countOf } from '@portico/portico-node';
import type { AlertFilter, AlertRecord, AlertStore, OccurrenceKey } from './MonitoringStore';
import { occurrenceKey } from './MonitoringStore';
import { ALERTS, chunks, Db, escapeLike, labelText, lockable, Row } from './tables';

const { num, optNum, optStr } = columnValues;

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

function rowOf(record: AlertRecord): Row {
  return {
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
};
}


export class KnexAlertStore implements AlertStore {
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
    await this.db(ALERTS).insert(rowOf(record));
  }

  async insertMany(records: AlertRecord[]) {
    for (const part of chunks(records, 100)) {
      await this.db(ALERTS).insert(part.map(rowOf));
    }
  }

  async findOccurrences(keys: OccurrenceKey[]) {
    const found = new Map<string, AlertRecord>();
    const wanted = new Set(keys.map(occurrenceKey));
    for (const part of chunks(keys)) {
      // Both lists through the unique (fingerprint, starts_at) index; the exact pairs are picked below.
      const q = this.db(ALERTS)
        .whereIn('fingerprint', [...new Set(part.map(k => k.fingerprint))])
        .whereIn('starts_at', [...new Set(part.map(k => k.startsAt))]);
      if (lockable(this.db)) q.forUpdate();
      for (const row of await q) {
        const alert = toAlert(row);
        const key = occurrenceKey(alert);
        if (wanted.has(key)) found.set(key, alert);
      }
    }
    return found;
  }

  async resolveMany(items: Array<{ id: string; resolvedAt: number }>, updatedAt: number) {
    let moved = 0;
    for (const part of chunks(items)) {
      // One statement per chunk, each row its own resolve time; the cast keeps PostgreSQL from
      // typing the parameters as text.
      const cases = part.map(() => 'when ? then cast(? as bigint)').join(' ');
      moved += await this.db(ALERTS)
        .whereIn('id', part.map(i => i.id))
        .whereIn('state', ['firing', 'acknowledged'])
        .update({
          state: 'resolved',
          resolved_at: this.db.raw(`case id ${cases} end`, part.flatMap(i => [i.id, i.resolvedAt])),
          updated_at: updatedAt,
        });
    }
    return moved;
  }

  async findOccurrence(fingerprint: string, startsAt: number) {
    const q = this.db(ALERTS).where({ fingerprint, starts_at: startsAt }).first();
    if (lockable(this.db)) q.forUpdate();
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

  async countByStateAndSeverity(filter: AlertFilter) {
    const rows = await this.filtered(filter).select('state', 'severity').count({ count: '*' }).groupBy('state', 'severity');
    return rows.map((r: Row) => ({ state: r.state, severity: r.severity, count: Number(r.count) }));
  }

  async meanTimes(sinces: number[], filter: AlertFilter) {
    if (sinces.length === 0) return [];
    const mean = (column: string, since: number, alias: string) =>
      this.db.raw(`avg(case when starts_at >= ? and ?? is not null then ?? - starts_at end) as ??`, [
        since,
        column,
        column,
        alias,
      ]);
    const [row] = await this.filtered(filter)
      .where('starts_at', '>=', Math.min(...sinces))
      .select(sinces.flatMap((since, i) => [mean('acknowledged_at', since, `mtta_${i}`), mean('resolved_at', since, `mttr_${i}`)]));
    const rounded = (value: unknown) => (value === null || value === undefined ? undefined : Math.round(Number(value)));
    return sinces.map((_, i) => ({ mtta: rounded(row?.[`mtta_${i}`]), mttr: rounded(row?.[`mttr_${i}`]) }));
  }

  async countFiringOwnedBy(ownerRefs: string[]) {
    if (ownerRefs.length === 0) return 0;
    return countOf(this.db(ALERTS).whereIn('owner_ref', ownerRefs).where('state', 'firing'));
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

