import type { VulnerabilityTicketStore } from './KnexVulnerabilityTicketStore';
import type { Knex } from 'knex';
import type { ApprovalStore } from '@portico/portico-node';
import type {
  FindingKind,
  FindingState,
  ListFindingsFilter,
  RiskKind,
  RiskRequestState,
  Scanner,
  Severity,
  TeamWeeklyNumbers,
} from '@portico/plugin-security-common';

/** Times are epoch milliseconds. */
export interface FindingRecord {
  id: string;
  fingerprint: string;
  scanner: Scanner;
  kind: FindingKind;
  ruleId: string;
  title: string;
  description?: string;
  severity: Severity;
  cvssScore?: number;
  pkgName?: string;
  installedVersion?: string;
  fixedVersion?: string;
  target?: string;
  primaryUrl?: string;
  artifact: string;
  repository: string;
  digest?: string;
  componentRef?: string;
  ownerRef?: string;
  state: FindingState;
  revision: number;
  occurrences: number;
  firstScanId?: string;
  lastScanId?: string;
  firstSeenAt: number;
  lastSeenAt: number;
  fixedAt?: number;
  dueAt?: number;
  runtimeSeenAt?: number;
  riskExpiresAt?: number;
  updatedAt: number;
}

export interface FindingEventRecord {
  findingId: string;
  action: string;
  from: FindingState | null;
  to: FindingState;
  actor: string;
  comment?: string;
  at: number;
}

export interface ScanRecord {
  id: string;
  scanner: Scanner;
  artifact: string;
  repository: string;
  digest?: string;
  imageId?: string;
  payloadHash: string;
  actor: string;
  summary: string;
  createdAt: number;
}

export interface ComponentRecord {
  entityRef: string;
  title?: string;
  ownerRef?: string;
  namespace?: string;
  images: string[];
  hash: string;
  tier?: string;
  lifecycle?: string;
  /** The component's resolved SLA clocks; undefined: the config defaults. */
  slaDays?: Partial<Record<Severity, number>>;
  slaSources?: string[];
  /** Why its SLA annotation was ignored. */
  slaError?: string;
}

export interface RiskRequestRecord {
  id: string;
  findingId: string;
  kind: RiskKind;
  justification: string;
  expiresAt: number;
  requestedBy: string;
  state: RiskRequestState;
  revision: number;
  decidedBy?: string;
  decisionComment?: string;
  createdAt: number;
  decidedAt?: number;
}

export interface FalcoEventRecord {
  uuid: string;
  rule: string;
  priority: string;
  severity: Severity;
  output: string;
  eventTime: number;
  hostname?: string;
  containerId?: string;
  imageRepository?: string;
  namespace?: string;
  componentRef?: string;
  findingId?: string;
  fields?: string;
  receivedAt: number;
}

export type FindingFilter = Omit<
  ListFindingsFilter,
  'limit' | 'offset' | 'sort'
> & {
  /** Restricts to findings owned by these groups (a caller who sees only their teams'). */
  visibleOwners?: string[];
};

export interface SeverityCountRow {
  componentRef: string | null;
  ownerRef: string | null;
  severity: Severity;
  count: number;
  overdue: number;
}

export interface FindingStore {
  get(id: string): Promise<FindingRecord | undefined>;
  getMany(ids: string[]): Promise<Map<string, FindingRecord>>;
  /**
   * The component's SLA clocks changed: active findings' due dates are counted again from when
   * they were first seen (a severity without a clock has none).
   */
  recomputeDue(
    componentRef: string,
    slaDays: Partial<Record<Severity, number>>,
    at: number,
  ): Promise<number>;
  byFingerprints(fingerprints: string[]): Promise<Map<string, FindingRecord>>;
  insertMany(records: FindingRecord[]): Promise<void>;
  /** Marks findings seen by a scan: last seen, last scan, digest, one more occurrence. */
  markSeen(
    ids: string[],
    seen: { at: number; scanId: string; digest?: string },
  ): Promise<void>;
  /**
   * Every finding of that artifact and scanner, fixed ones included, in one indexed read: what a
   * new report compares with (a fingerprint includes scanner and artifact, so no other finding
   * can match one of the report's).
   */
  ofArtifact(artifact: string, scanner: Scanner): Promise<FindingRecord[]>;
  /** Findings of that artifact and scanner, of those kinds, not fixed: what a new scan compares with. */
  unfixedOfArtifact(
    artifact: string,
    scanner: Scanner,
    kinds: FindingKind[],
  ): Promise<FindingRecord[]>;
  /** Moves a finding only if it is still at `expectedRevision`; false when someone changed it since. */
  update(
    id: string,
    expectedRevision: number,
    patch: Partial<
      Pick<
        FindingRecord,
        | 'state'
        | 'fixedAt'
        | 'dueAt'
        | 'riskExpiresAt'
        | 'lastSeenAt'
        | 'lastScanId'
        | 'digest'
      >
    > & {
      at: number;
    },
  ): Promise<boolean>;
  /**
   * Marks findings fixed in a few statements, each only if still at the revision it was read;
   * returns the ids that moved (a finding changed meanwhile is left alone).
   */
  fixMany(
    findings: Array<{ id: string; revision: number }>,
    at: number,
  ): Promise<Set<string>>;
  addEvents(entries: FindingEventRecord[]): Promise<void>;
  timeline(findingId: string): Promise<FindingEventRecord[]>;
  list(
    filter: FindingFilter,
    page: { limit: number; offset: number; sort: ListFindingsFilter['sort'] },
    now: number,
  ): Promise<{ items: FindingRecord[]; totalCount: number }>;
  /**
   * Open-state counts per component, owner and severity, in one pass over the findings: the
   * totals, the per-component and the per-team figures of the stats are sums of these rows
   * (a component has one owner, so there are at most components x severities of them).
   */
  countActive(now: number, filter?: FindingFilter): Promise<SeverityCountRow[]>;
  countUnowned(): Promise<number>;
  meanTimeToFixMs(
    since: number,
    filter?: FindingFilter,
  ): Promise<number | undefined>;
  /** Accepted risks and false positives whose acceptance expired. */
  expiredAcceptances(now: number, limit: number): Promise<FindingRecord[]>;
  /** Links the findings of these image repositories to a component (or unlinks them). */
  relink(
    repositories: string[],
    link: { componentRef?: string; ownerRef?: string },
    at: number,
  ): Promise<number>;
  markRuntimeSeen(repository: string, at: number): Promise<number>;
  /** Active findings of those severities on these artifacts or digests, due before `dueBefore`. */
  activeOnArtifacts(
    query: {
      artifacts: string[];
      digests: string[];
      severities: Severity[];
      dueBefore?: number;
    },
    limit: number,
  ): Promise<FindingRecord[]>;
}

export interface ScanStore {
  insert(record: ScanRecord): Promise<void>;
  byPayloadHash(hash: string): Promise<ScanRecord | undefined>;
  addOccurrences(
    scanId: string,
    findingIds: string[],
    at: number,
  ): Promise<void>;
  recentForFinding(findingId: string, limit: number): Promise<ScanRecord[]>;
}

export interface ComponentStore {
  get(entityRef: string): Promise<ComponentRecord | undefined>;
  byRepository(repository: string): Promise<ComponentRecord | undefined>;
  byNamespace(namespace: string): Promise<ComponentRecord | undefined>;
  hashes(entityRefs: string[]): Promise<Map<string, string>>;
  upsert(record: ComponentRecord, run: string, at: number): Promise<void>;
  touch(entityRefs: string[], run: string): Promise<void>;
  /** Removes what the sync `run` did not see; returns the removed rows. */
  removeNotSeen(run: string): Promise<ComponentRecord[]>;
}

export interface RiskRequestStore {
  insert(record: RiskRequestRecord): Promise<void>;
  get(id: string): Promise<RiskRequestRecord | undefined>;
  forFinding(findingId: string): Promise<RiskRequestRecord[]>;
  pendingForFinding(findingId: string): Promise<RiskRequestRecord | undefined>;
  decide(
    id: string,
    expectedRevision: number,
    patch: {
      state: RiskRequestState;
      decidedBy: string;
      decisionComment?: string;
      decidedAt: number;
    },
  ): Promise<boolean>;
}

export interface RuntimeEventStore {
  /** False when that uuid was received already. */
  insertIfNew(record: FalcoEventRecord): Promise<boolean>;
  /** `visibleOwners`: only events whose finding those groups own. */
  list(
    filter: { componentRef?: string; visibleOwners?: string[] },
    page: { limit: number; offset: number },
  ): Promise<{ items: FalcoEventRecord[]; totalCount: number }>;
}

export interface SecurityStores {
  findings: FindingStore;
  scans: ScanStore;
  components: ComponentStore;
  risks: RiskRequestStore;
  /** The approvals of risk requests (the shared approval rule's table). */
  riskApprovals: ApprovalStore;
  runtime: RuntimeEventStore;
  reports: ReportStore;
  /** One service-desk ticket per (component, vulnerability id), and the findings linked to it. */
  tickets: VulnerabilityTicketStore;
}

/** Per-day open counts, per-team weekly numbers, and the ledgers that make notices once-only. */
export interface ReportStore {
  /** Open findings per severity at each of `dayEnds` (not fixed by then; accepted ones left out). */
  openAt(
    dayEnds: number[],
    filter: FindingFilter,
  ): Promise<Array<Record<Severity, number>>>;
  meanTimeToFixBySeverity(
    from: number,
    to: number,
    filter: FindingFilter,
  ): Promise<Partial<Record<Severity, number>>>;
  /** Per owner team, for [from, to). */
  weeklyNumbers(
    from: number,
    to: number,
    visibleOwners?: string[],
  ): Promise<TeamWeeklyNumbers[]>;
  /** Teams that own a component with images: who gets a weekly report. */
  owningTeams(): Promise<string[]>;
  /** False when that team's report for that week was sent already. */
  markWeeklySent(
    week: string,
    numbers: TeamWeeklyNumbers,
    at: number,
  ): Promise<boolean>;
  lastNotified(findingId: string): Promise<number | undefined>;
  recordNotified(findingId: string, at: number): Promise<void>;
}

export interface SecurityDatabase extends SecurityStores {
  readonly knex: Knex;
  transaction<T>(
    fn: (tx: SecurityStores & { trx: Knex.Transaction }) => Promise<T>,
  ): Promise<T>;
}
