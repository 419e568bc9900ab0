/** Severities, most severe first (Trivy's names, lower-cased). */
export const SEVERITIES = [
  'critical',
  'high',
  'medium',
  'low',
  'unknown',
] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where a finding comes from. */
export const SCANNERS = ['trivy', 'sarif', 'falco'] as const;
export type Scanner = (typeof SCANNERS)[number];

export const FINDING_KINDS = [
  'vulnerability',
  'misconfiguration',
  'secret',
  'code',
  'runtime',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * Triage states. `fixed` is set by a later scan of the same artifact that no longer reports the
 * finding; `risk_accepted` and `false_positive` only by an approved risk request.
 */
export const FINDING_STATES = [
  'open',
  'acknowledged',
  'in_progress',
  'fixed',
  'risk_accepted',
  'false_positive',
] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** States in which a finding still counts (SLA clock running, gates, counts). */
export const ACTIVE_STATES: readonly FindingState[] = [
  'open',
  'acknowledged',
  'in_progress',
];

export type Counts = Record<Severity, number>;

export function emptyCounts(): Counts {
  return { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
}

export interface Finding {
  id: string;
  fingerprint: string;
  scanner: Scanner;
  kind: FindingKind;
  /** CVE / GHSA id, misconfiguration id, secret rule or Falco rule. */
  ruleId: string;
  title: string;
  description?: string;
  severity: Severity;
  /** CVSS v3 base score when the scanner gives one. */
  cvssScore?: number;
  pkgName?: string;
  installedVersion?: string;
  fixedVersion?: string;
  target?: string;
  primaryUrl?: string;
  /** What was scanned, as the scanner names it (image `repo:tag`, a path). */
  artifact: string;
  /** The image repository (no tag, no digest), the join key to components. */
  repository: string;
  /** The digest of the last scan that reported it. */
  digest?: string;
  componentRef?: string;
  ownerRef?: string;
  state: FindingState;
  revision: number;
  occurrences: number;
  firstSeenAt: string;
  lastSeenAt: string;
  fixedAt?: string;
  dueAt?: string;
  overdue: boolean;
  /** A Falco event on the same image: the vulnerable code is running. */
  runtimeSeenAt?: string;
  riskExpiresAt?: string;
}

export interface TimelineEntry {
  action: string;
  from: FindingState | null;
  to: FindingState;
  actor: string;
  comment?: string;
  at: string;
}

export const RISK_KINDS = ['risk_accepted', 'false_positive'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];
export type RiskRequestState = 'pending' | 'approved' | 'rejected';

export interface RiskRequest {
  id: string;
  findingId: string;
  kind: RiskKind;
  justification: string;
  expiresAt: string;
  requestedBy: string;
  state: RiskRequestState;
  decidedBy?: string;
  decisionComment?: string;
  createdAt: string;
  decidedAt?: string;
}

/** What the caller may do on a finding now (the server decides; the UI only shows it). */
export interface FindingPermittedActions {
  triage: TriageAction[];
  requestRisk: boolean;
  decideRisk: boolean;
  /** May file (or link) the service-desk ticket of the finding's (component, vulnerability id). */
  fileTicket: boolean;
}

/** The service-desk ticket of a (component, vulnerability id), shared by the findings of the pair. */
export interface FindingTicket {
  ticketId: string;
  componentRef: string;
  vulnerabilityId: string;
}

/** `POST /findings/:id/ticket`: `filed` when this call filed it, `linked` when it linked this finding now. */
export interface FindingTicketResult extends FindingTicket {
  filed: boolean;
  linked: boolean;
}

export interface FindingDetails extends Finding {
  timeline: TimelineEntry[];
  riskRequests: RiskRequest[];
  permittedActions: FindingPermittedActions;
  /** The service-desk ticket this finding is linked to, if any. */
  ticket?: FindingTicket;
  /** Recent scans that reported it. */
  seenIn: Array<{
    scanId: string;
    artifact: string;
    digest?: string;
    at: string;
  }>;
}

/** What one report changed, per severity. */
export interface IngestSummary {
  scanId: string;
  /** True when the same payload had been ingested already: nothing changed. */
  duplicate: boolean;
  artifact: string;
  componentRef?: string;
  opened: Counts;
  seenAgain: Counts;
  reopened: Counts;
  fixed: Counts;
}

export interface FalcoIngestResult {
  duplicate: boolean;
  findingId: string;
  severity: Severity;
  componentRef?: string;
}

export interface SecurityStats {
  open: Counts;
  overdue: Counts;
  unowned: number;
  byComponent: Array<{ componentRef: string; open: Counts; overdue: number }>;
  byTeam: Array<{ ownerRef: string; open: Counts; overdue: number }>;
  /** Mean time from first seen to fixed over the findings fixed in the last 90 days, in hours. */
  meanTimeToFixHours?: number;
  slaDays: Partial<Record<Severity, number>>;
  /** With a componentRef: the SLA clocks of that component and where they come from. */
  componentSla?: ComponentSla;
}

/** Where a component's SLA clocks come from: config, its tier and lifecycle, its annotation. */
export interface ComponentSla {
  slaDays: Partial<Record<Severity, number>>;
  /** e.g. ['default', 'lifecycle experimental', 'tier critical', 'annotation']. */
  sources: string[];
  /** Why the component's `portico.io/security-sla` annotation was ignored, when it was. */
  annotationError?: string;
}

export interface BulkTriageResult {
  /** The findings as they are after the call, in the order asked. */
  items: Finding[];
}

/** Open findings per severity at the end of each day (oldest first). */
export interface FindingsTrend {
  days: Array<{ date: string } & Counts>;
  /** Mean time to fix over the period, per severity (hours; absent without a fix). */
  meanTimeToFixHours: Partial<Record<Severity, number>>;
}

export interface TeamWeeklyNumbers {
  ownerRef: string;
  opened: number;
  fixed: number;
  /** Active and past due at the end of the week. */
  overdue: number;
  /** Risk acceptances and false positives approved in the week. */
  accepted: number;
  /** Mean time to fix of what was fixed in the week (hours). */
  meanTimeToFixHours?: number;
}

export interface WeeklyReport {
  /** ISO week, e.g. 2026-W49. */
  week: string;
  from: string;
  to: string;
  teams: TeamWeeklyNumbers[];
}

export interface RuntimeEvent {
  uuid: string;
  rule: string;
  priority: string;
  severity: Severity;
  output: string;
  time: string;
  hostname?: string;
  containerId?: string;
  imageRepository?: string;
  namespace?: string;
  componentRef?: string;
  findingId?: string;
}

export interface SecurityComponent {
  entityRef: string;
  title?: string;
  ownerRef?: string;
  images: string[];
}

export const TRIAGE_ACTIONS = ['acknowledge', 'start', 'reopen'] as const;
export type TriageAction = (typeof TRIAGE_ACTIONS)[number];
