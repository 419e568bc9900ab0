import type { AlertSeverity, AlertState } from './schemas';

export interface AlertAck {
  by: string;
  at: string;
  comment: string;
  expiresAt: string;
  silenceId?: string;
  /** Who works on it (user ref). */
  assignee?: string;
  /** The service-desk ticket tracking the work (`/servicedesk/requests/<id>`). */
  ticketId?: string;
}

export interface Alert {
  id: string;
  fingerprint: string;
  alertname: string;
  severity: AlertSeverity;
  state: AlertState;
  summary?: string;
  description?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  resolvedAt?: string;
  acknowledgedAt?: string;
  generatorUrl?: string;
  source: 'alertmanager' | 'grafana' | 'portico';
  groupKey: string;
  componentRef?: string;
  ownerRef?: string;
  ack?: AlertAck;
  /** The component's last deployment in the two hours before the alert fired (promotion events). */
  deployedBefore?: DeployedBefore;
}

export interface DeployedBefore {
  version: string;
  environment: string;
  outcome: 'succeeded' | 'failed';
  at: string;
  requestId: string;
  minutesBefore: number;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}

export interface AlertStats {
  bySeverity: Record<AlertSeverity, number>;
  byState: Record<AlertState, number>;
  /** Mean time to acknowledge / resolve (ms) of occurrences that started in the window. */
  mtta: { days7?: number; days30?: number };
  mttr: { days7?: number; days30?: number };
}

/** What the pages need to know about the outside systems. */
export interface MonitoringStatus {
  prometheus: { configured: boolean; baseUrl?: string };
  alertmanager: { configured: boolean; baseUrl?: string; webhookEnabled: boolean };
  grafanaWebhookEnabled: boolean;
  componentLabels: string[];
  /** What the caller may do, so the pages hide what the server would refuse. */
  caller?: { mayScheduleSilences: boolean };
}

export interface RuleSummary {
  group: string;
  file: string;
  name: string;
  type: 'alerting' | 'recording';
  state?: string;
  health: string;
  lastEvaluation?: string;
  severity?: string;
  query: string;
  components: string[];
  activeAlerts: number;
}

export interface RedSeries {
  name: 'rate' | 'errorRatio' | 'p50' | 'p95' | 'p99';
  points: Array<[number, number]>;
}

export interface RedMetrics {
  entityRef: string;
  selector: string;
  range: string;
  series: RedSeries[];
  grafanaUrl?: string;
  /** Deployments of the component within the range (from the promotions plugin): chart markers. */
  deployments: DeploymentMarker[];
}

export interface DeploymentMarker {
  at: string;
  version: string;
  environment: string;
  outcome: 'succeeded' | 'failed';
  requestId: string;
}

/** A scheduled maintenance silence of a component. */
export interface SilenceWindow {
  id: string;
  componentRef: string;
  startsAt: string;
  endsAt: string;
  comment: string;
  createdBy: string;
  createdAt: string;
  silenceIds: string[];
  /** `active` while now is within the window. */
  state: 'scheduled' | 'active';
}

export interface HealthSummary {
  entityRef: string;
  healthUrl?: string;
  lastCheck?: { at: string; up: boolean; latencyMs?: number; statusCode?: number; error?: string };
  uptime: { hours24?: number; days7?: number; days30?: number };
  history: Array<{ at: string; up: boolean; latencyMs?: number }>;
}

export interface SloSummary {
  entityRef: string;
  availabilityTarget?: number;
  latencyP95TargetMs?: number;
  /** Share of the 30-day error budget left (1 = untouched, below 0 = exhausted). */
  errorBudgetRemaining?: number;
  /** Over the last hour: error ratio / allowed error ratio. */
  burnRate?: number;
  error?: string;
}

export interface ComponentAlertSummary {
  entityRef: string;
  firing: number;
  acknowledged: number;
  critical: number;
}
