import { columnValues } from '@portico/portico-node';
import type { ComponentRecord, ComponentStore } from './MonitoringStore';
import { chunks, COMPONENTS, Db, Row } from './tables';

const { optStr } = columnValues;

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
    alertChannel: optStr(row.alert_channel),
    hash: row.hash,
  };
}

export class KnexComponentStore implements ComponentStore {
  constructor(private readonly db: Db) {}

  async get(entityRef: string) {
    const row = await this.db(COMPONENTS).where({ entity_ref: entityRef.toLowerCase() }).first();
    return row ? toComponent(row) : undefined;
  }

  async getMany(entityRefs: string[]) {
    const out: ComponentRecord[] = [];
    for (const part of chunks([...new Set(entityRefs.map(r => r.toLowerCase()))])) {
      out.push(...(await this.db(COMPONENTS).whereIn('entity_ref', part)).map(toComponent));
    }
    return out;
  }

  async byNames(names: string[]) {
    const out: ComponentRecord[] = [];
    for (const part of chunks([...new Set(names.map(n => n.toLowerCase()))])) {
      out.push(...(await this.db(COMPONENTS).whereIn('name', part).orderBy('entity_ref')).map(toComponent));
    }
    return out;
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
      alert_channel: record.alertChannel ?? null,
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

