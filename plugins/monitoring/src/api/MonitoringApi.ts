import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  Alert,
  AlertStats,
  HealthSummary,
  MonitoringStatus,
  Page,
  RedMetrics,
  RuleSummary,
  SilenceWindow,
  SloSummary,
} from '@portico/plugin-monitoring-common';

export interface AckRequest {
  comment: string;
  expiresInMinutes: number;
  assignee?: string;
  ticketId?: string;
}

export interface SilenceWindowRequest {
  componentRef: string;
  startsAt: string;
  endsAt: string;
  comment: string;
}

export interface AlertListRequest {
  state?: string;
  severity?: string;
  component?: string;
  team?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export interface MonitoringApi {
  status(): Promise<MonitoringStatus>;
  listAlerts(request: AlertListRequest): Promise<Page<Alert>>;
  stats(request?: { component?: string; team?: string }): Promise<AlertStats>;
  myFiring(): Promise<number>;
  acknowledge(id: string, body: AckRequest): Promise<Alert>;
  unacknowledge(id: string): Promise<Alert>;
  rules(): Promise<{ configured: boolean; rules: RuleSummary[] }>;
  red(entityRef: string, range: string): Promise<RedMetrics>;
  health(entityRef: string): Promise<HealthSummary>;
  slo(entityRef: string): Promise<SloSummary>;
  silenceWindows(request?: { component?: string; limit?: number; offset?: number }): Promise<Page<SilenceWindow>>;
  scheduleSilenceWindow(body: SilenceWindowRequest): Promise<SilenceWindow>;
  cancelSilenceWindow(id: string): Promise<SilenceWindow>;
}

export const monitoringApiRef = createApiRef<MonitoringApi>({ id: 'plugin.monitoring.api' });
