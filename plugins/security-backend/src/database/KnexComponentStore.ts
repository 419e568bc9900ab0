import { columnValues } from '@portico/portico-node';
import type { ComponentRecord, ComponentStore } from './SecurityStore';
import {
  chunks,
  COMPONENT_IMAGES,
  COMPONENTS,
  IN_CHUNK,
  type Db,
  type Row,
} from './tables';

const { optStr } = columnValues;

function toComponent(row: Row): ComponentRecord {
  return {
    entityRef: row.entity_ref,
    title: optStr(row.title),
    ownerRef: optStr(row.owner_ref),
    namespace: optStr(row.namespace),
    images: JSON.parse(row.images),
    hash: row.hash,
    tier: optStr(row.tier),
    lifecycle: optStr(row.lifecycle),
    slaDays: row.sla_days ? JSON.parse(row.sla_days) : undefined,
    slaSources: row.sla_sources ? JSON.parse(row.sla_sources) : undefined,
    slaError: optStr(row.sla_error),
  };
}

export class KnexComponentStore implements ComponentStore {
  constructor(private readonly db: Db) {}

  async get(entityRef: string) {
    const row = await this.db(COMPONENTS)
      .where({ entity_ref: entityRef })
      .first();
    return row ? toComponent(row) : undefined;
  }

  async byRepository(repository: string) {
    // Two components naming the same image: the first by ref, the same one every time.
    const row = await this.db(COMPONENTS)
      .join(
        COMPONENT_IMAGES,
        `${COMPONENT_IMAGES}.entity_ref`,
        `${COMPONENTS}.entity_ref`,
      )
      .where(`${COMPONENT_IMAGES}.repository`, repository)
      .select(`${COMPONENTS}.*`)
      .orderBy(`${COMPONENTS}.entity_ref`)
      .first();
    return row ? toComponent(row) : undefined;
  }

  async byNamespace(namespace: string) {
    const row = await this.db(COMPONENTS)
      .where({ namespace })
      .orderBy('entity_ref')
      .first();
    return row ? toComponent(row) : undefined;
  }

  async hashes(entityRefs: string[]) {
    const result = new Map<string, string>();
    for (const chunk of chunks(entityRefs, IN_CHUNK)) {
      const rows = await this.db(COMPONENTS)
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'hash');
      for (const row of rows) result.set(row.entity_ref, row.hash);
    }
    return result;
  }

  async upsert(r: ComponentRecord, run: string, at: number) {
    await this.db(COMPONENTS)
      .insert({
        entity_ref: r.entityRef,
        title: r.title ?? null,
        owner_ref: r.ownerRef ?? null,
        namespace: r.namespace ?? null,
        images: JSON.stringify(r.images),
        hash: r.hash,
        tier: r.tier ?? null,
        lifecycle: r.lifecycle ?? null,
        sla_days: r.slaDays ? JSON.stringify(r.slaDays) : null,
        sla_sources: r.slaSources ? JSON.stringify(r.slaSources) : null,
        sla_error: r.slaError ?? null,
        sync_run: run,
        updated_at: at,
      })
      .onConflict('entity_ref')
      .merge();
    await this.db(COMPONENT_IMAGES).where({ entity_ref: r.entityRef }).delete();
    if (r.images.length) {
      await this.db(COMPONENT_IMAGES).insert(
        r.images.map(repository => ({ repository, entity_ref: r.entityRef })),
      );
    }
  }

  async touch(entityRefs: string[], run: string) {
    for (const chunk of chunks(entityRefs, IN_CHUNK)) {
      await this.db(COMPONENTS)
        .whereIn('entity_ref', chunk)
        .update({ sync_run: run });
    }
  }

  async removeNotSeen(run: string) {
    const rows = await this.db(COMPONENTS).whereNot('sync_run', run);
    const removed = rows.map(toComponent);
    for (const chunk of chunks(
      removed.map(r => r.entityRef),
      IN_CHUNK,
    )) {
      await this.db(COMPONENT_IMAGES).whereIn('entity_ref', chunk).delete();
      await this.db(COMPONENTS).whereIn('entity_ref', chunk).delete();
    }
    return removed;
  }
}
