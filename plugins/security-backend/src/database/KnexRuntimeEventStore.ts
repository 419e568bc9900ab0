import { columnValues, countOf } from '@portico/portico-node';
import type { FalcoEventRecord, RuntimeEventStore } from './SecurityStore';
import { FALCO_EVENTS, FINDINGS, type Db, type Row } from './tables';

const { num, optStr } = columnValues;

function toFalco(row: Row): FalcoEventRecord {
  return {
    uuid: row.uuid,
    rule: row.rule,
    priority: row.priority,
    severity: row.severity,
    output: row.output,
    eventTime: num(row.event_time),
    hostname: optStr(row.hostname),
    containerId: optStr(row.container_id),
    imageRepository: optStr(row.image_repository),
    namespace: optStr(row.namespace),
    componentRef: optStr(row.component_ref),
    findingId: optStr(row.finding_id),
    fields: optStr(row.fields),
    receivedAt: num(row.received_at),
  };
}

export class KnexRuntimeEventStore implements RuntimeEventStore {
  constructor(private readonly db: Db) {}

  async insertIfNew(r: FalcoEventRecord) {
    const inserted = await this.db(FALCO_EVENTS)
      .insert({
        uuid: r.uuid,
        rule: r.rule,
        priority: r.priority,
        severity: r.severity,
        output: r.output,
        event_time: r.eventTime,
        hostname: r.hostname ?? null,
        container_id: r.containerId ?? null,
        image_repository: r.imageRepository ?? null,
        namespace: r.namespace ?? null,
        component_ref: r.componentRef ?? null,
        finding_id: r.findingId ?? null,
        fields: r.fields ?? null,
        received_at: r.receivedAt,
      })
      .onConflict('uuid')
      .ignore()
      .returning('uuid');
    return inserted.length > 0;
  }

  async list(
    filter: { componentRef?: string; visibleOwners?: string[] },
    page: { limit: number; offset: number },
  ) {
    const query = this.db(FALCO_EVENTS);
    if (filter.componentRef) query.where('component_ref', filter.componentRef);
    if (filter.visibleOwners) {
      const owners = filter.visibleOwners;
      query.whereIn(
        'finding_id',
        this.db(FINDINGS).select('id').whereIn('owner_ref', owners),
      );
    }
    const [rows, totalCount] = await Promise.all([
      query
        .clone()
        .select('*')
        .orderBy('event_time', 'desc')
        .orderBy('uuid')
        .limit(page.limit)
        .offset(page.offset),
      countOf(query),
    ]);
    return { items: rows.map(toFalco), totalCount };
  }
}
