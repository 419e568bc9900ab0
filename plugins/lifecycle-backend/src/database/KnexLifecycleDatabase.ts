import type { Knex } from 'knex';
import { columnValues, migratePluginDatabase, PluginDatabase } from '@portico/portico-node';
import type {
  LifecycleDatabase,
  LifecycleStores,
  ResourceListFilter,
  ResourceRecord,
  ResourceStore,
  TimelineRecord,
} from './LifecycleStore';

export const RESOURCES = 'lifecycle_resources';
export const TIMELINE = 'lifecycle_timeline';

type Db = Knex | Knex.Transaction;
type Row = Record<string, any>;
const { num, optNum, optStr, optBool } = columnValues;

function toRecord(row: Row): ResourceRecord {
  return {
    entityRef: row.entity_ref,
    etag: optStr(row.etag),
    title: optStr(row.title),
    type: optStr(row.type),
    owner: optStr(row.owner),
    project: optStr(row.project),
    costCenter: optStr(row.cost_center),
    environment: optStr(row.environment) as ResourceRecord['environment'],
    dataClass: optStr(row.data_class) as ResourceRecord['dataClass'],
    autoTeardown: optBool(row.auto_teardown),
    ttlMs: optNum(row.ttl_ms),
    createdAt: optNum(row.created_at),
    extendedUntil: optNum(row.extended_until),
    expiresAt: optNum(row.expires_at),
    extensions: num(row.extensions),
    violations: JSON.parse(String(row.violations ?? '[]')),
    state: row.state,
    notice48hAt: optNum(row.notice_48h_at),
    notice24hAt: optNum(row.notice_24h_at),
    teardownTaskId: optStr(row.teardown_task_id),
    teardownStartedAt: optNum(row.teardown_started_at),
    teardownFinishedAt: optNum(row.teardown_finished_at),
    teardownMessage: optStr(row.teardown_message),
    seenAt: num(row.seen_at),
    updatedAt: num(row.updated_at),
  };
}

const COLUMNS: Record<keyof ResourceRecord, string> = {
  entityRef: 'entity_ref',
  etag: 'etag',
  title: 'title',
  type: 'type',
  owner: 'owner',
  project: 'project',
  costCenter: 'cost_center',
  environment: 'environment',
  dataClass: 'data_class',
  autoTeardown: 'auto_teardown',
  ttlMs: 'ttl_ms',
  createdAt: 'created_at',
  extendedUntil: 'extended_until',
  expiresAt: 'expires_at',
  extensions: 'extensions',
  violations: 'violations',
  state: 'state',
  notice48hAt: 'notice_48h_at',
  notice24hAt: 'notice_24h_at',
  teardownTaskId: 'teardown_task_id',
  teardownStartedAt: 'teardown_started_at',
  teardownFinishedAt: 'teardown_finished_at',
  teardownMessage: 'teardown_message',
  seenAt: 'seen_at',
  updatedAt: 'updated_at',
};

/** Columns of a (partial) record; `undefined` in a patch clears the column. */
function toRow(patch: Partial<ResourceRecord>): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(patch) as [keyof ResourceRecord, unknown][]) {
    const column = COLUMNS[key];
    if (key === 'violations') {
      const violations = (value as ResourceRecord['violations']) ?? [];
      row.violations = JSON.stringify(violations);
      row.has_violations = violations.length > 0;
    } else {
      row[column] = value ?? null;
    }
  }
  return row;
}

class KnexResourceStore implements ResourceStore {
  constructor(private readonly db: Db) {}

  async get(entityRef: string) {
    const row = await this.db(RESOURCES).where({ entity_ref: entityRef.toLowerCase() }).first();
    return row ? toRecord(row) : undefined;
  }

  async etags(entityRefs: string[]) {
    const rows = entityRefs.length
      ? await this.db(RESOURCES).whereIn('entity_ref', entityRefs).select('entity_ref', 'etag')
      : [];
    return new Map(rows.map((r: Row) => [r.entity_ref as string, optStr(r.etag)]));
  }

  async insert(record: ResourceRecord) {
    await this.db(RESOURCES).insert(toRow({ ...record, entityRef: record.entityRef.toLowerCase() }));
  }

  async update(entityRef: string, patch: Partial<ResourceRecord>) {
    await this.db(RESOURCES).where({ entity_ref: entityRef.toLowerCase() }).update(toRow(patch));
  }

  async updateIf(
    entityRef: string,
    expected: { state?: ResourceRecord['state']; notice48hUnsent?: boolean; notice24hUnsent?: boolean },
    patch: Partial<ResourceRecord>,
  ) {
    const query = this.db(RESOURCES).where({ entity_ref: entityRef.toLowerCase() });
    if (expected.state) query.where('state', expected.state);
    if (expected.notice48hUnsent) query.whereNull('notice_48h_at');
    if (expected.notice24hUnsent) query.whereNull('notice_24h_at');
    const changed = await query.update(toRow(patch));
    return Number(changed) === 1;
  }

  async markSeen(entityRefs: string[], seenAt: number) {
    if (entityRefs.length) {
      await this.db(RESOURCES).whereIn('entity_ref', entityRefs).update({ seen_at: seenAt });
    }
  }

  async unseenSince(seenAt: number, limit: number) {
    const rows = await this.db(RESOURCES)
      .where('seen_at', '<', seenAt)
      .where('state', 'active')
      .orderBy('entity_ref')
      .limit(limit);
    return rows.map(toRecord);
  }

  private filtered(filter: Omit<ResourceListFilter, 'limit' | 'offset'>) {
    const query = this.db(RESOURCES);
    if (filter.owner) query.where('owner', filter.owner.toLowerCase());
    if (filter.project) query.where('project', filter.project);
    if (filter.costCenter) query.where('cost_center', filter.costCenter.toUpperCase());
    if (filter.environment) query.where('environment', filter.environment);
    if (filter.withViolations) query.where('has_violations', true).whereNot('state', 'removed');
    if (filter.expiresBefore !== undefined) {
      query.whereIn('state', ['active', 'tearing-down', 'teardown-failed']).where('expires_at', '<', filter.expiresBefore);
    }
    return query;
  }

  async list(filter: ResourceListFilter) {
    const [{ count }] = await this.filtered(filter).count({ count: '*' });
    const rows = await this.filtered(filter)
      .orderBy(filter.expiresBefore !== undefined ? 'expires_at' : 'entity_ref')
      .orderBy('entity_ref')
      .limit(filter.limit)
      .offset(filter.offset);
    return { items: rows.map(toRecord), totalCount: Number(count) };
  }

  async dueForTeardownCheck(before: number, limit: number) {
    const rows = await this.db(RESOURCES)
      .where('state', 'active')
      .where('expires_at', '<', before)
      .where('has_violations', false)
      .where('auto_teardown', true)
      .whereNot('environment', 'prod')
      .whereNot('data_class', 'restricted')
      .orderBy('expires_at')
      .limit(limit);
    return rows.map(toRecord);
  }

  async tearingDown(limit: number) {
    const rows = await this.db(RESOURCES).where('state', 'tearing-down').orderBy('teardown_started_at').limit(limit);
    return rows.map(toRecord);
  }

  async costCenters(expiringBefore: number) {
    const rows = await this.db(RESOURCES)
      .whereIn('state', ['active', 'tearing-down', 'teardown-failed'])
      .groupBy('cost_center', 'environment')
      .select('cost_center', 'environment')
      .count({ resources: '*' })
      .select(
        this.db.raw('sum(case when expires_at < ? then 1 else 0 end) as expiring', [expiringBefore]),
        this.db.raw('sum(case when has_violations then 1 else 0 end) as violations'),
      );
    return rows.map((r: Row) => ({
      costCenter: optStr(r.cost_center) ?? '(none)',
      environment: optStr(r.environment),
      resources: num(r.resources),
      expiring: num(r.expiring ?? 0),
      violations: num(r.violations ?? 0),
    }));
  }

  async addTimeline(entry: TimelineRecord) {
    await this.db(TIMELINE).insert({
      entity_ref: entry.entityRef.toLowerCase(),
      kind: entry.kind,
      actor: entry.actor,
      message: entry.message,
      at: entry.at,
    });
  }

  async timeline(entityRef: string, limit: number) {
    const rows = await this.db(TIMELINE)
      .where({ entity_ref: entityRef.toLowerCase() })
      .orderBy('seq', 'desc')
      .limit(limit);
    return rows.reverse().map((r: Row) => ({
      entityRef: r.entity_ref,
      kind: r.kind,
      actor: r.actor,
      message: r.message,
      at: num(r.at),
    }));
  }
}

function storesOn(db: Db): LifecycleStores {
  return { resources: new KnexResourceStore(db) };
}

/** The lifecycle plugin's database: its stores, and transactions over them. */
export class KnexLifecycleDatabase extends PluginDatabase<LifecycleStores> implements LifecycleDatabase {
  declare readonly resources: ResourceStore;

  static async create(options: { knex: Knex; skipMigrations?: boolean }): Promise<KnexLifecycleDatabase> {
    await migratePluginDatabase(options.knex, {
      packageName: '@portico/plugin-lifecycle-backend',
      skipMigrations: options.skipMigrations,
    });
    return new KnexLifecycleDatabase(options.knex);
  }

  constructor(knex: Knex) {
    super(knex, storesOn);
  }
}
