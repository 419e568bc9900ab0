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
  /** Who works on it (a user ref), when the acknowledger handed it to someone. */
  assignee?: string;
  /** A service-desk ticket (its id) that tracks the work. */
  ticketId?: string;
}

/** An occurrence's key: Alertmanager's fingerprint and the start of that firing. */
export interface OccurrenceKey {
  fingerprint: string;
  startsAt: number;
}

export function occurrenceKey(key: OccurrenceKey): string {
  return `${key.fingerprint}@${key.startsAt}`;
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
  /** Multi-row inserts, in chunks the engines' parameter limits allow. */
  insertMany(records: AlertRecord[]): Promise<void>;
  /** The occurrence, read for update inside a transaction. */
  findOccurrence(fingerprint: string, startsAt: number): Promise<AlertRecord | undefined>;
  /** The occurrences among `keys` (read for update inside a transaction), by `occurrenceKey`. */
  findOccurrences(keys: OccurrenceKey[]): Promise<Map<string, AlertRecord>>;
  /** Resolves open alerts, each with its own resolve time, in one statement per chunk; returns how many moved. */
  resolveMany(items: Array<{ id: string; resolvedAt: number }>, updatedAt: number): Promise<number>;
  get(id: string): Promise<AlertRecord | undefined>;
  update(id: string, patch: Partial<Omit<AlertRecord, 'id' | 'fingerprint' | 'startsAt'>>): Promise<void>;
  /** Moves `from` → `to` only if the row is still in `from` (one winner under concurrency). */
  transition(id: string, from: AlertState[], to: AlertState, patch: Partial<AlertRecord>): Promise<boolean>;
  list(filter: AlertFilter, page: { limit: number; offset: number }): Promise<{ items: AlertRecord[]; totalCount: number }>;
  /** Open occurrences (firing or acknowledged) of a fingerprint. */
  openOfFingerprint(fingerprint: string): Promise<AlertRecord[]>;
  /** Counts per state and severity, in one pass (the stats sum them by state, and by severity of the open ones). */
  countByStateAndSeverity(filter: AlertFilter): Promise<Array<{ state: AlertState; severity: AlertSeverity; count: number }>>;
  /**
   * Means (ms) of `acknowledged_at - starts_at` / `resolved_at - starts_at` for the occurrences
   * since each of `sinces`, in one pass over the occurrences since the earliest.
   */
  meanTimes(sinces: number[], filter: AlertFilter): Promise<Array<{ mtta?: number; mttr?: number }>>;
  /** Firing occurrences owned by any of these owner refs (one indexed count). */
  countFiringOwnedBy(ownerRefs: string[]): Promise<number>;
  /** Open alert counts per component, for the given components. */
  openCountsByComponent(componentRefs: string[]): Promise<Array<{ componentRef: string; state: AlertState; severity: AlertSeverity; count: number }>>;
}

export interface AckStore {
  open(alertId: string): Promise<AckRecord | undefined>;
  openMany(alertIds: string[]): Promise<AckRecord[]>;
  insert(record: Omit<AckRecord, 'id'>): Promise<AckRecord>;
  end(id: number, endedAt: number, reason: NonNullable<AckRecord['endedReason']>): Promise<boolean>;
  /** Ends the open acks of these alerts; returns the acks it ended. */
  endForAlerts(alertIds: string[], endedAt: number, reason: NonNullable<AckRecord['endedReason']>): Promise<AckRecord[]>;
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
  /** The component's own Slack channel (`slack.com/bot-notify`), told of its alerts besides the owner team. */
  alertChannel?: string;
  hash: string;
}

export interface ComponentStore {
  get(entityRef: string): Promise<ComponentRecord | undefined>;
  getMany(entityRefs: string[]): Promise<ComponentRecord[]>;
  byName(name: string): Promise<ComponentRecord[]>;
  /** Components whose (lower-cased) name is one of `names`. */
  byNames(names: string[]): Promise<ComponentRecord[]>;
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
  lastNotifiedMany(fingerprints: string[]): Promise<Map<string, number>>;
  record(fingerprint: string, at: number): Promise<void>;
  recordMany(fingerprints: string[], at: number): Promise<void>;
}

/** A maintenance silence of a component over a window, scheduled ahead by on-call or an admin. */
export interface SilenceWindowRecord {
  id: string;
  componentRef: string;
  startsAt: number;
  endsAt: number;
  comment: string;
  createdBy: string;
  createdAt: number;
  /** Alertmanager's silence ids (one per matcher set). */
  silenceIds: string[];
  cancelledAt?: number;
  cancelledBy?: string;
  /** The promotion request whose change window (or deployment) this window covers. */
  promotionRequestId?: string;
  /** With `promotionRequestId`: its deployment attempt (1 is the approval's window, then one per retry). */
  promotionAttempt?: number;
}

export interface SilenceWindowStore {
  insert(record: SilenceWindowRecord): Promise<void>;
  get(id: string): Promise<SilenceWindowRecord | undefined>;
  /** Windows not cancelled that end after `now`, soonest first; of one component when given. */
  current(now: number, page: { limit: number; offset: number }, componentRef?: string): Promise<{ items: SilenceWindowRecord[]; totalCount: number }>;
  /** Marks it cancelled if it is not yet; false when it already was. */
  cancel(id: string, at: number, by: string): Promise<boolean>;
  /** The window of a promotion request's deployment attempt, cancelled or not. */
  byPromotion(requestId: string, attempt: number): Promise<SilenceWindowRecord | undefined>;
  /** Moves the end of a started window not cancelled to `at`; false when it was already over. */
  endAt(id: string, at: number): Promise<boolean>;
}

/** A deployment of a component, learned from the promotions plugin's events. */
export interface DeploymentRecord {
  eventId: string;
  componentRef: string;
  version: string;
  environment: string;
  requestId: string;
  outcome: 'succeeded' | 'failed';
  at: number;
}

export interface DeploymentStore {
  insert(record: DeploymentRecord): Promise<void>;
  /** Deployments of a component within [from, to], oldest first, at most `limit`. */
  between(componentRef: string, from: number, to: number, limit: number): Promise<DeploymentRecord[]>;
  /** Deployments of any of the components within [from, to], newest first, at most `limit`. */
  ofComponents(componentRefs: string[], from: number, to: number, limit: number): Promise<DeploymentRecord[]>;
}

export interface MonitoringStores {
  alerts: AlertStore;
  acks: AckStore;
  components: ComponentStore;
  health: HealthStore;
  notified: NotifiedStore;
  windows: SilenceWindowStore;
  deployments: DeploymentStore;
}

export interface MonitoringDatabase extends MonitoringStores {
  readonly knex: Knex;
  transaction<T>(fn: (tx: MonitoringStores & { trx: Knex.Transaction }) => Promise<T>): Promise<T>;
}
