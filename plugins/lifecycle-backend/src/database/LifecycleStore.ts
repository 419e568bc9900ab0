import type { Knex } from 'knex';
import type {
  DataClass,
  LifecycleEnvironment,
  ResourceState,
  TagViolation,
} from '@portico/plugin-lifecycle-common';

/** Times are epoch milliseconds. */
export interface ResourceRecord {
  entityRef: string;
  etag?: string;
  title?: string;
  type?: string;
  owner?: string;
  project?: string;
  costCenter?: string;
  environment?: LifecycleEnvironment;
  dataClass?: DataClass;
  autoTeardown?: boolean;
  ttlMs?: number;
  createdAt?: number;
  extendedUntil?: number;
  expiresAt?: number;
  extensions: number;
  violations: TagViolation[];
  state: ResourceState;
  notice48hAt?: number;
  notice24hAt?: number;
  teardownTaskId?: string;
  teardownStartedAt?: number;
  teardownFinishedAt?: number;
  teardownMessage?: string;
  seenAt: number;
  updatedAt: number;
}

/** What the sync reads from a catalog entity. */
export type ProjectedFields = Pick<
  ResourceRecord,
  | 'etag'
  | 'title'
  | 'type'
  | 'owner'
  | 'project'
  | 'costCenter'
  | 'environment'
  | 'dataClass'
  | 'autoTeardown'
  | 'ttlMs'
  | 'createdAt'
  | 'violations'
>;

export interface ResourceListFilter {
  owner?: string;
  project?: string;
  costCenter?: string;
  environment?: string;
  /** Expiry before this time (active resources with an expiry only). */
  expiresBefore?: number;
  withViolations?: boolean;
  limit: number;
  offset: number;
}

export interface TimelineRecord {
  entityRef: string;
  kind: string;
  actor: string;
  message: string;
  at: number;
}

export interface ResourceStore {
  get(entityRef: string): Promise<ResourceRecord | undefined>;
  /** The etags of these refs, for the sync to skip unchanged entities. */
  etags(entityRefs: string[]): Promise<Map<string, string | undefined>>;
  insert(record: ResourceRecord): Promise<void>;
  update(entityRef: string, patch: Partial<ResourceRecord>): Promise<void>;
  /**
   * Applies the patch only while the row still matches `expected` (state, a notice not yet sent...):
   * false when another runner got there first. What keeps notices once-only and teardowns single.
   */
  updateIf(
    entityRef: string,
    expected: { state?: ResourceState; notice48hUnsent?: boolean; notice24hUnsent?: boolean },
    patch: Partial<ResourceRecord>,
  ): Promise<boolean>;
  markSeen(entityRefs: string[], seenAt: number): Promise<void>;
  /** Active rows the last full pass did not see (gone from the catalog). */
  unseenSince(seenAt: number, limit: number): Promise<ResourceRecord[]>;
  list(filter: ResourceListFilter): Promise<{ items: ResourceRecord[]; totalCount: number }>;
  /** Active resources whose expiry is before `time` and that are not excluded by the guardrails. */
  dueForTeardownCheck(before: number, limit: number): Promise<ResourceRecord[]>;
  tearingDown(limit: number): Promise<ResourceRecord[]>;
  costCenters(expiringBefore: number): Promise<
    Array<{ costCenter: string; environment: string | undefined; resources: number; expiring: number; violations: number }>
  >;
  addTimeline(entry: TimelineRecord): Promise<void>;
  timeline(entityRef: string, limit: number): Promise<TimelineRecord[]>;
}

export interface LifecycleStores {
  resources: ResourceStore;
}

export interface LifecycleDatabase extends LifecycleStores {
  readonly knex: Knex;
  transaction<T>(fn: (tx: LifecycleStores & { trx: Knex.Transaction }) => Promise<T>): Promise<T>;
}
