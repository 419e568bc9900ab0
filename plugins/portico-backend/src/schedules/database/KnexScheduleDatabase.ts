import type { Knex } from 'knex';
import {
  columnValues,
  KnexOrTransaction,
  migratePluginDatabase,
  pageOf,
  PluginDatabase,
} from '@portico/portico-node';
import type {
  ScheduleDatabase,
  SchedulePatch,
  ScheduleRecord,
  ScheduleRunRecord,
  ScheduleRunStore,
  ScheduleStore,
  ScheduleStores,
} from './ScheduleStore';

export const SCHEDULES = 'portico_schedules';
export const RUNS = 'portico_schedule_runs';

type Row = Record<string, any>;
const { num, optNum, optStr } = columnValues;
const UNFINISHED = ['starting', 'running'];

function toSchedule(row: Row): ScheduleRecord {
  return {
    id: row.id,
    name: row.name,
    templateRef: row.template_ref,
    cron: optStr(row.cron),
    intervalMinutes: optNum(row.interval_minutes),
    parameters: JSON.parse(String(row.parameters ?? '{}')),
    owner: row.owner,
    enabled: Boolean(row.enabled),
    pausedReason: optStr(row.paused_reason),
    createdBy: row.created_by,
    createdAt: num(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: num(row.updated_at),
    nextRunAt: optNum(row.next_run_at),
  };
}

const SCHEDULE_COLUMNS: Record<keyof SchedulePatch, string> = {
  name: 'name',
  templateRef: 'template_ref',
  cron: 'cron',
  intervalMinutes: 'interval_minutes',
  parameters: 'parameters',
  owner: 'owner',
  enabled: 'enabled',
  pausedReason: 'paused_reason',
  updatedBy: 'updated_by',
  updatedAt: 'updated_at',
  nextRunAt: 'next_run_at',
};

function scheduleRow(patch: SchedulePatch): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(patch) as [keyof SchedulePatch, unknown][]) {
    if (!(key in SCHEDULE_COLUMNS)) continue;
    row[SCHEDULE_COLUMNS[key]] = key === 'parameters' ? JSON.stringify(value ?? {}) : value ?? null;
  }
  return row;
}

function toRun(row: Row): ScheduleRunRecord {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    trigger: row.trigger,
    triggeredBy: row.triggered_by,
    taskId: optStr(row.task_id),
    status: row.status,
    message: optStr(row.message),
    startedAt: num(row.started_at),
    finishedAt: optNum(row.finished_at),
  };
}

class KnexScheduleStore implements ScheduleStore {
  constructor(private readonly db: KnexOrTransaction) {}

  async insert(record: ScheduleRecord): Promise<void> {
    await this.db(SCHEDULES).insert({
      id: record.id,
      created_by: record.createdBy,
      created_at: record.createdAt,
      ...scheduleRow(record),
    });
  }

  async get(id: string): Promise<ScheduleRecord | undefined> {
    const row = await this.db(SCHEDULES).where({ id }).first();
    return row ? toSchedule(row) : undefined;
  }

  async byName(name: string): Promise<ScheduleRecord | undefined> {
    const row = await this.db(SCHEDULES).where({ name }).first();
    return row ? toSchedule(row) : undefined;
  }

  list(page: { limit: number; offset: number }) {
    return pageOf(this.db(SCHEDULES).orderBy([{ column: 'name' }, { column: 'id' }]), page, toSchedule);
  }

  async update(id: string, patch: SchedulePatch): Promise<boolean> {
    const row = scheduleRow(patch);
    if (Object.keys(row).length === 0) return Boolean(await this.get(id));
    return (await this.db(SCHEDULES).where({ id }).update(row)) > 0;
  }

  async delete(id: string): Promise<boolean> {
    // Runs go with it (ON DELETE CASCADE is off in SQLite unless foreign keys are on).
    await this.db(RUNS).where({ schedule_id: id }).delete();
    return (await this.db(SCHEDULES).where({ id }).delete()) > 0;
  }

  async due(now: number, limit: number): Promise<ScheduleRecord[]> {
    const rows = await this.db(SCHEDULES)
      .where({ enabled: true })
      .whereNotNull('next_run_at')
      .where('next_run_at', '<=', now)
      .orderBy([{ column: 'next_run_at' }, { column: 'id' }])
      .limit(limit);
    return rows.map(toSchedule);
  }

  async claim(id: string, expected: number, next: number | undefined): Promise<boolean> {
    const count = await this.db(SCHEDULES)
      .where({ id, enabled: true, next_run_at: expected })
      .update({ next_run_at: next ?? null });
    return count > 0;
  }
}

class KnexScheduleRunStore implements ScheduleRunStore {
  constructor(private readonly db: KnexOrTransaction) {}

  async insert(record: ScheduleRunRecord): Promise<void> {
    await this.db(RUNS).insert({
      id: record.id,
      schedule_id: record.scheduleId,
      trigger: record.trigger,
      triggered_by: record.triggeredBy,
      task_id: record.taskId ?? null,
      status: record.status,
      message: record.message ?? null,
      started_at: record.startedAt,
      finished_at: record.finishedAt ?? null,
    });
  }

  async get(id: string): Promise<ScheduleRunRecord | undefined> {
    const row = await this.db(RUNS).where({ id }).first();
    return row ? toRun(row) : undefined;
  }

  async forSchedule(scheduleId: string, limit: number): Promise<ScheduleRunRecord[]> {
    const rows = await this.db(RUNS)
      .where({ schedule_id: scheduleId })
      .orderBy([{ column: 'started_at', order: 'desc' }, { column: 'id', order: 'desc' }])
      .limit(limit);
    return rows.map(toRun);
  }

  async latest(scheduleIds: string[]): Promise<Map<string, ScheduleRunRecord>> {
    const result = new Map<string, ScheduleRunRecord>();
    if (scheduleIds.length === 0) return result;
    // One indexed lookup per schedule of the page (a page is at most 100 schedules).
    const newest = this.db(RUNS)
      .select('schedule_id')
      .max({ started_at: 'started_at' })
      .whereIn('schedule_id', scheduleIds)
      .groupBy('schedule_id')
      .as('newest');
    const rows = await this.db(RUNS)
      .join(newest, function joinNewest() {
        this.on(`${RUNS}.schedule_id`, '=', 'newest.schedule_id').andOn(`${RUNS}.started_at`, '=', 'newest.started_at');
      })
      .select(`${RUNS}.*`)
      .orderBy(`${RUNS}.id`);
    for (const row of rows) result.set(row.schedule_id, toRun(row));
    return result;
  }

  async unfinished(limit: number): Promise<ScheduleRunRecord[]> {
    const rows = await this.db(RUNS)
      .whereIn('status', UNFINISHED)
      .orderBy([{ column: 'started_at' }, { column: 'id' }])
      .limit(limit);
    return rows.map(toRun);
  }

  async update(id: string, patch: Partial<Pick<ScheduleRunRecord, 'taskId' | 'status' | 'message' | 'finishedAt'>>): Promise<boolean> {
    const row: Row = {};
    if ('taskId' in patch) row.task_id = patch.taskId ?? null;
    if ('status' in patch) row.status = patch.status;
    if ('message' in patch) row.message = patch.message ?? null;
    if ('finishedAt' in patch) row.finished_at = patch.finishedAt ?? null;
    return (await this.db(RUNS).where({ id }).whereIn('status', UNFINISHED).update(row)) > 0;
  }
}

function storesOn(db: KnexOrTransaction): ScheduleStores {
  return { schedules: new KnexScheduleStore(db), runs: new KnexScheduleRunStore(db) };
}

export class KnexScheduleDatabase extends PluginDatabase<ScheduleStores> implements ScheduleDatabase {
  declare readonly schedules: ScheduleStore;
  declare readonly runs: ScheduleRunStore;

  private constructor(knex: Knex) {
    super(knex, storesOn);
  }

  static async create(options: { knex: Knex; skipMigrations?: boolean }): Promise<KnexScheduleDatabase> {
    await migratePluginDatabase(options.knex, {
      packageName: '@portico/plugin-portico-backend',
      skipMigrations: options.skipMigrations,
    });
    return new KnexScheduleDatabase(options.knex);
  }
}
