import type { Knex } from 'knex';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type { NotificationOutbox, PorticoSeverity } from '@portico/portico-node';
import type { AlertSeverity } from '@portico/plugin-monitoring-common';
import type { AlertRecord, MonitoringStores } from '../database/MonitoringStore';

/**
 * Severity → Backstage notification severity; the notification processors' filters in
 * app-config pick the channels: critical → every channel (pager webhook, Slack, e-mail),
 * high → Slack + e-mail, medium → Slack.
 */
const ROUTE: Record<AlertSeverity, PorticoSeverity> = {
  critical: 'critical',
  high: 'high',
  warning: 'high',
  info: 'medium',
};

/**
 * Queues the notice of a firing alert to the component's owner team, in the transaction that
 * records it; a fingerprint already notified within the repeat interval is not notified again.
 */
export class AlertRouting {
  constructor(
    private readonly options: {
      outbox: Pick<NotificationOutbox, 'enqueue'>;
      repeatIntervalMs: number;
      fallbackTeam: string;
      appLink?: (alert: AlertRecord) => string;
    },
  ) {}

  async firing(tx: MonitoringStores & { trx: Knex.Transaction }, alert: AlertRecord, event: PorticoEvent, now: number) {
    const last = await tx.notified.lastNotified(alert.fingerprint);
    if (last !== undefined && now - last < this.options.repeatIntervalMs) return false;
    await tx.notified.record(alert.fingerprint, now);
    const where = alert.componentRef ? ` on ${alert.componentRef.replace(/^component:(default\/)?/, '')}` : '';
    await this.options.outbox.enqueue(tx.trx, event, {
      recipients: { entities: [alert.ownerRef ?? this.options.fallbackTeam] },
      title: `[${alert.severity.toUpperCase()}] ${alert.alertname}${where}`,
      description: alert.summary ?? alert.description,
      link: this.options.appLink?.(alert) ?? `/monitoring?state=firing&q=${encodeURIComponent(`alertname=${alert.alertname}`)}`,
      severity: ROUTE[alert.severity],
    });
    return true;
  }
}
