import type { Knex } from 'knex';
import type { AlertSeverity, AlertState } from '@portico/plugin-monitoring-common';

export interface AlertRecord {
  id: string;
  fingerprint: string;
  startsAt: number;
  state: AlertState;
  alertname: string;
  severity: AlertSeverity;
  summary?: string;
  description?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorUrl?: string;
  source: 'alertmanager' | 'grafana' | 'portico';
  groupKey: string;
  receiver?: string;
  componentRef?: string;
  ownerRef?: string;
  acknowledgedAt?: number;
  resolvedAt?: number;
  createdAt: number;
  updatedAt: number;
}

export interface AckRecord {
  id: number;
  alertId: string;
  ackedBy: string;
  ackedAt: number;
  comment: string;
  expiresAt: number;
  silenceId?: string;
  endedAt?: number;
  endedReason?: 'unacknowledged' | 'expired' | 'resolved';
  silenceOpen: boolean;
}

export interface AlertFilter {
  states?: AlertState[];
  severities?: AlertSeverity[];
  componentRef?: string;
  ownerRef?: string;
  labelSearch?: string;
  /** Only alerts that no component claims (yet). */
  unmapped?: boolean;
}

export interface AlertStore {
  insert(record: AlertRecord): Promise<void>;
  /** The occurrence, read for update inside a transaction. */
  findOccurrence(fingerprint: string, startsAt: number): Promise<AlertRecord | undefined>;
  get(id: string): Promise<AlertRecord | undefined>;
  update(id: string, patch: Partial<Omit<AlertRecord, 'id' | 'fingerprint' | 'startsAt'>>): Promise<void>;
  /** Moves `from` → `to` only if the row is still in `from` (one winner under concurrency). */
  transition(id: string, from: AlertState[], to: AlertState, patch: Partial<AlertRecord>): Promise<boolean>;
  list(filter: AlertFilter, page: { limit: number; offset: number }): Promise<{ items: AlertRecord[]; totalCount: number }>;
  /** Open occurrences (firing or acknowledged) of a fingerprint. */
  openOfFingerprint(fingerprint: string): Promise<AlertRecord[]>;
  countBy(column: 'severity' | 'state', filter: AlertFilter): Promise<Record<string, number>>;
  /** Mean (ms) of `acknowledged_at - starts_at` / `resolved_at - starts_at` for occurrences since `since`. */
  meanTimes(since: number, filter: AlertFilter): Promise<{ mtta?: number; mttr?: number }>;
  /** Open alert counts per component, for the given components. */
  openCountsByComponent(componentRefs: string[]): Promise<Array<{ componentRef: string; state: AlertState; severity: AlertSeverity; count: number }>>;
}

export interface AckStore {
  open(alertId: string): Promise<AckRecord | undefined>;
  openMany(alertIds: string[]): Promise<AckRecord[]>;
  insert(record: Omit<AckRecord, 'id'>): Promise<AckRecord>;
  end(id: number, endedAt: number, reason: NonNullable<AckRecord['endedReason']>): Promise<boolean>;
  expiredBefore(now: number, limit: number): Promise<AckRecord[]>;
  /** Ended acks whose Alertmanager silence is not deleted yet. */
  silencesToDelete(limit: number): Promise<AckRecord[]>;
  silenceDeleted(id: number): Promise<void>;
}

export interface ComponentRecord {
  entityRef: string;
  name: string;
  title?: string;
  ownerRef?: string;
  alertSelector?: string;
  healthUrl?: string;
  slo?: string;
  grafanaUrl?: string;
  hash: string;
}

export interface ComponentStore {
  get(entityRef: string): Promise<ComponentRecord | undefined>;
  byName(name: string): Promise<ComponentRecord[]>;
  withSelector(): Promise<ComponentRecord[]>;
  withHealthUrl(limit: number, offset: number): Promise<ComponentRecord[]>;
  hashes(entityRefs: string[]): Promise<Map<string, string>>;
  upsert(record: ComponentRecord, syncId: number): Promise<void>;
  markSeen(entityRefs: string[], syncId: number): Promise<void>;
  deleteNotSeen(syncId: number): Promise<number>;
  ownedBy(ownerRefs: string[]): Promise<string[]>;
}

export interface HealthCheckRecord {
  entityRef: string;
  checkedAt: number;
  up: boolean;
  latencyMs?: number;
  statusCode?: number;
  error?: string;
}

export interface HealthStore {
  insert(record: HealthCheckRecord): Promise<void>;
  recent(entityRef: string, limit: number): Promise<HealthCheckRecord[]>;
  uptime(entityRef: string, since: number): Promise<number | undefined>;
  prune(before: number): Promise<number>;
}

export interface NotifiedStore {
  lastNotified(fingerprint: string): Promise<number | undefined>;
  record(fingerprint: string, at: number): Promise<void>;
}

export interface MonitoringStores {
  alerts: AlertStore;
  acks: AckStore;
  components: ComponentStore;
  health: HealthStore;
  notified: NotifiedStore;
}

export interface MonitoringDatabase extends MonitoringStores {
  readonly knex: Knex;
  transaction<T>(fn: (tx: MonitoringStores & { trx: Knex.Transaction }) => Promise<T>): Promise<T>;
}
