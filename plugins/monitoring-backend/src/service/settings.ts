import type { RootConfigService as Config } from '@backstage/backend-plugin-api';

export interface MonitoringSettings {
  alertmanager: { baseUrl?: string; webhookToken?: string };
  grafana: { webhookToken?: string };
  prometheus: { baseUrl?: string };
  /** Labels tried in order to find an alert's component by name. */
  componentLabels: string[];
  /** A fingerprint is not notified again within this interval. */
  repeatIntervalMs: number;
  /** Who hears about an alert whose component has no owner. */
  fallbackTeam: string;
  health: {
    intervalSeconds: number;
    timeoutMs: number;
    concurrency: number;
    downAfterChecks: number;
    retentionDays: number;
  };
  defaultAckMinutes: number;
}

function trimSlash(url: string | undefined) {
  return url?.replace(/\/+$/, '') || undefined;
}

/** Reads `monitoring.*`; an empty token is a config error (fail closed), an absent one turns the endpoint off. */
export function readMonitoringSettings(config: Config): MonitoringSettings {
  const token = (key: string) => {
    const value = config.getOptionalString(key);
    if (value !== undefined && value.trim() === '') {
      throw new Error(`${key} is empty; remove it to turn the webhook off, or set a secret`);
    }
    return value;
  };
  return {
    alertmanager: {
      baseUrl: trimSlash(config.getOptionalString('monitoring.alertmanager.baseUrl')),
      webhookToken: token('monitoring.alertmanager.webhookToken'),
    },
    grafana: { webhookToken: token('monitoring.grafana.webhookToken') },
    prometheus: { baseUrl: trimSlash(config.getOptionalString('monitoring.prometheus.baseUrl')) },
    componentLabels: config.getOptionalStringArray('monitoring.componentLabels') ?? ['component', 'service', 'job'],
    repeatIntervalMs: (config.getOptionalNumber('monitoring.routing.repeatIntervalMinutes') ?? 60) * 60_000,
    fallbackTeam: config.getOptionalString('monitoring.routing.fallbackTeam') ?? 'group:default/sre',
    health: {
      intervalSeconds: config.getOptionalNumber('monitoring.health.intervalSeconds') ?? 60,
      timeoutMs: config.getOptionalNumber('monitoring.health.timeoutMs') ?? 5000,
      concurrency: config.getOptionalNumber('monitoring.health.concurrency') ?? 8,
      downAfterChecks: config.getOptionalNumber('monitoring.health.downAfterChecks') ?? 3,
      retentionDays: config.getOptionalNumber('monitoring.health.retentionDays') ?? 30,
    },
    defaultAckMinutes: config.getOptionalNumber('monitoring.ack.defaultMinutes') ?? 120,
  };
}
