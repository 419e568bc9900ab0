import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  Alert,
  AlertStats,
  HealthSummary,
  MonitoringStatus,
  Page,
  RedMetrics,
  RuleSummary,
  SloSummary,
} from '@portico/plugin-monitoring-common';

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
  acknowledge(id: string, body: { comment: string; expiresInMinutes: number }): Promise<Alert>;
  unacknowledge(id: string): Promise<Alert>;
  rules(): Promise<{ configured: boolean; rules: RuleSummary[] }>;
  red(entityRef: string, range: string): Promise<RedMetrics>;
  health(entityRef: string): Promise<HealthSummary>;
  slo(entityRef: string): Promise<SloSummary>;
}

export const monitoringApiRef = createApiRef<MonitoringApi>({ id: 'plugin.monitoring.api' });
