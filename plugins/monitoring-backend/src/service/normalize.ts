import type { AlertSeverity, WebhookAlert } from '@portico/plugin-monitoring-common';

/** An alert of any source, before it meets the store. */
export interface IncomingAlert {
  status: 'firing' | 'resolved';
  fingerprint: string;
  startsAt: number;
  endsAt?: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorUrl?: string;
  groupKey: string;
  receiver?: string;
  source: 'alertmanager' | 'grafana' | 'portico';
}

const SEVERITY_ALIASES: Record<string, AlertSeverity> = {
  critical: 'critical',
  page: 'critical',
  high: 'high',
  error: 'high',
  warning: 'warning',
  medium: 'warning',
  info: 'info',
  low: 'info',
  none: 'info',
};

export function severityOf(labels: Record<string, string>): AlertSeverity {
  return SEVERITY_ALIASES[(labels.severity ?? '').toLowerCase()] ?? 'info';
}

/** Alertmanager's "end unknown" is year 1; anything before the start means the same. */
function endOf(value: string | undefined, startsAt: number): number | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) || t < startsAt ? undefined : t;
}

export function fromWebhook(
  alert: WebhookAlert,
  context: { groupKey: string; receiver?: string; source: 'alertmanager' | 'grafana' },
): IncomingAlert {
  const startsAt = Date.parse(alert.startsAt);
  return {
    status: alert.status,
    fingerprint: alert.fingerprint,
    startsAt,
    endsAt: endOf(alert.endsAt, startsAt),
    labels: alert.labels,
    annotations: alert.annotations ?? {},
    generatorUrl: alert.generatorURL || undefined,
    groupKey: context.groupKey,
    receiver: context.receiver,
    source: context.source,
  };
}
