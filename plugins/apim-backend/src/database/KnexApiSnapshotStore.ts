import {
  columnValues,
  countOf,
  KnexOrTransaction,
} from '@portico/portico-node';
import type {
  ApiProjection,
  ApiSnapshot,
  ApiSnapshotStore,
  ListApisFilter,
} from './ApimStore';

/*
 * The projection of the catalog's API entities (what the API pages list and filter), written
 * by the sync (ApiChangeDetector) a catalog page at a time.
 */

export const SNAPSHOTS = 'apim_api_snapshots';
export const API_TAGS = 'apim_api_tags';

type Db = KnexOrTransaction;
type Row = Record<string, any>;

const { optStr } = columnValues;

function toApiProjection(row: Row): ApiProjection {
  return {
    ref: row.ref,
    hash: row.hash,
    data: JSON.parse(row.data),
    plans: JSON.parse(row.plans),
    etag: optStr(row.etag),
    name: row.name ?? row.ref.split('/').pop(),
    title: optStr(row.title),
    description: optStr(row.description),
    owner: optStr(row.owner),
    system: optStr(row.system),
    lifecycle: optStr(row.lifecycle),
    type: optStr(row.type),
    tags: row.tags ? JSON.parse(row.tags) : [],
    version: optStr(row.version),
    environments: row.environments ? JSON.parse(row.environments) : [],
    plansError: optStr(row.plans_error),
    definitionError: optStr(row.definition_error),
    ...(row.detail ? { detail: JSON.parse(row.detail) } : {}),
  };
}

/**
 * What a list reads: every column but the definition's detail, which can be large (every
 * operation of the API) and only an API's page shows.
 */
const LIST_COLUMNS = [
  'ref',
  'hash',
  'data',
  'plans',
  'etag',
  'name',
  'title',
  'description',
  'owner',
  'system',
  'lifecycle',
  'type',
  'tags',
  'version',
  'environments',
  'plans_error',
  'definition_error',
];

function slices<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    result.push(items.slice(i, i + size));
  return result;
}

function snapshotRow(snapshot: ApiProjection, at: number) {
  return {
    ref: snapshot.ref,
    hash: snapshot.hash,
    data: JSON.stringify(snapshot.data),
    plans: JSON.stringify(snapshot.plans),
    updated_at: at,
    etag: snapshot.etag ?? null,
    name: snapshot.name,
    title: snapshot.title ?? null,
    description: snapshot.description ?? null,
    owner: snapshot.owner ?? null,
    system: snapshot.system ?? null,
    lifecycle: snapshot.lifecycle ?? null,
    type: snapshot.type ?? null,
    tags: JSON.stringify(snapshot.tags),
    version: snapshot.version ?? null,
    environments: JSON.stringify(snapshot.environments),
    plans_error: snapshot.plansError ?? null,
    definition_error: snapshot.definitionError ?? null,
    detail: snapshot.detail ? JSON.stringify(snapshot.detail) : null,
    search: [snapshot.name, snapshot.title ?? '', snapshot.description ?? '']
      .join('\n')
      .toLocaleLowerCase('en-US'),
  };
}

export class KnexApiSnapshotStore implements ApiSnapshotStore {
  constructor(private readonly db: Db) {}

  async all(): Promise<ApiSnapshot[]> {
    const rows: Row[] = await this.db(SNAPSHOTS).select(
      'ref',
      'hash',
      'data',
      'plans',
    );
    return rows.map(row => ({
      ref: row.ref,
      hash: row.hash,
      data: JSON.parse(row.data),
      plans: JSON.parse(row.plans),
    }));
  }

  async get(ref: string) {
    const row = await this.db(SNAPSHOTS).where({ ref }).first();
    return row ? toApiProjection(row) : undefined;
  }

  async etags(refs: string[]) {
    const result = new Map<string, string | undefined>();
    for (let i = 0; i < refs.length; i += 500) {
      const rows: Row[] = await this.db(SNAPSHOTS)
        .whereIn('ref', refs.slice(i, i + 500))
        .select('ref', 'etag');
      for (const row of rows) result.set(row.ref, optStr(row.etag));
    }
    return result;
  }

  async snapshots(refs: string[]) {
    const result = new Map<string, Pick<ApiSnapshot, 'hash' | 'data'>>();
    for (const part of slices(refs, 500)) {
      const rows: Row[] = await this.db(SNAPSHOTS)
        .whereIn('ref', part)
        .select('ref', 'hash', 'data');
      for (const row of rows)
        result.set(row.ref, { hash: row.hash, data: JSON.parse(row.data) });
    }
    return result;
  }

  async upsert(snapshot: ApiProjection, at: number) {
    await this.upsertMany([snapshot], at);
  }

  async upsertMany(snapshots: ApiProjection[], at: number) {
    if (snapshots.length === 0) return;
    // 20 columns a row: 100 rows stay far below SQLite's and PostgreSQL's bound-value limits.
    for (const part of slices(snapshots, 100)) {
      await this.db(SNAPSHOTS)
        .insert(part.map(snapshot => snapshotRow(snapshot, at)))
        .onConflict('ref')
        .merge();
    }
    const refs = snapshots.map(snapshot => snapshot.ref);
    for (const part of slices(refs, 500))
      await this.db(API_TAGS).whereIn('ref', part).delete();
    const tags = snapshots.flatMap(snapshot =>
      [...new Set(snapshot.tags)].map(tag => ({ ref: snapshot.ref, tag })),
    );
    for (const part of slices(tags, 500)) await this.db(API_TAGS).insert(part);
  }

  async delete(ref: string) {
    await this.deleteMany([ref]);
  }

  async deleteMany(refs: string[]) {
    for (const part of slices(refs, 500)) {
      await this.db(API_TAGS).whereIn('ref', part).delete();
      await this.db(SNAPSHOTS).whereIn('ref', part).delete();
    }
  }

  async refsAfter(after: string | undefined, limit: number) {
    const query = this.db(SNAPSHOTS).select('ref').orderBy('ref').limit(limit);
    if (after !== undefined) query.where('ref', '>', after);
    return (await query).map((row: Row) => row.ref as string);
  }

  async list(filter: ListApisFilter) {
    const query = this.db(SNAPSHOTS);
    if (filter.owner) query.where('owner', filter.owner);
    if (filter.system) query.where('system', filter.system);
    if (filter.lifecycle) query.where('lifecycle', filter.lifecycle);
    if (filter.type) query.where('type', filter.type);
    if (filter.tag) {
      query.whereIn(
        'ref',
        this.db(API_TAGS).select('ref').where('tag', filter.tag),
      );
    }
    if (filter.search) {
      const escaped = filter.search.replace(/[\\%_]/g, c => `\\${c}`);
      query.whereRaw(`search like ? escape '\\'`, [`%${escaped}%`]);
    }
    const [rows, totalCount] = await Promise.all([
      query
        .clone()
        .select(LIST_COLUMNS)
        .orderBy('ref')
        .limit(filter.limit)
        .offset(filter.offset),
      countOf(query),
    ]);
    return { items: (rows as Row[]).map(toApiProjection), totalCount };
  }

  async refsOwnedBy(owners: string[]) {
    if (owners.length === 0) return [];
    const rows: Row[] = await this.db(SNAPSHOTS)
      .whereIn('owner', owners)
      .select('ref')
      .orderBy('ref');
    return rows.map(row => row.ref as string);
  }
}
