import type { Knex } from 'knex';
import type { Page, ScheduleRunStatus } from '@portico/plugin-portico-common';

export interface ScheduleRecord {
  id: string;
  name: string;
  templateRef: string;
  cron?: string;
  intervalMinutes?: number;
  parameters: Record<string, string | number | boolean>;
  owner: string;
  enabled: boolean;
  pausedReason?: string;
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
  nextRunAt?: number;
}

export interface ScheduleRunRecord {
  id: string;
  scheduleId: string;
  trigger: 'schedule' | 'manual';
  triggeredBy: string;
  taskId?: string;
  status: ScheduleRunStatus;
  message?: string;
  startedAt: number;
  finishedAt?: number;
}

export type SchedulePatch = Partial<Omit<ScheduleRecord, 'id' | 'createdBy' | 'createdAt'>>;

export interface ScheduleStore {
  insert(record: ScheduleRecord): Promise<void>;
  get(id: string): Promise<ScheduleRecord | undefined>;
  byName(name: string): Promise<ScheduleRecord | undefined>;
  list(page: { limit: number; offset: number }): Promise<Page<ScheduleRecord>>;
  /** `undefined` values clear the column. Returns whether the row existed. */
  update(id: string, patch: SchedulePatch): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  /** Enabled schedules whose next run is at or before `now`, oldest due first. */
  due(now: number, limit: number): Promise<ScheduleRecord[]>;
  /**
   * Moves the next run from `expected` to `next`, only if no one else did: of several runners
   * that see the same due schedule, one wins and starts the run.
   */
  claim(id: string, expected: number, next: number | undefined): Promise<boolean>;
}

export interface ScheduleRunStore {
  insert(record: ScheduleRunRecord): Promise<void>;
  get(id: string): Promise<ScheduleRunRecord | undefined>;
  /** Newest first. */
  forSchedule(scheduleId: string, limit: number): Promise<ScheduleRunRecord[]>;
  /** The newest run of each schedule given. */
  latest(scheduleIds: string[]): Promise<Map<string, ScheduleRunRecord>>;
  /** Runs not finished (starting or running), oldest first. */
  unfinished(limit: number): Promise<ScheduleRunRecord[]>;
  /** Sets fields only while the run is still unfinished; returns whether it was. */
  update(id: string, patch: Partial<Pick<ScheduleRunRecord, 'taskId' | 'status' | 'message' | 'finishedAt'>>): Promise<boolean>;
}

export interface ScheduleStores {
  schedules: ScheduleStore;
  runs: ScheduleRunStore;
}

export interface ScheduleDatabase extends ScheduleStores {
  transaction<T>(fn: (tx: ScheduleStores & { trx: Knex.Transaction }) => Promise<T>): Promise<T>;
}
