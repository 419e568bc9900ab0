import type { Knex } from 'knex';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type { NotificationOutbox, PorticoSeverity } from '@portico/portico-node';
import type { AlertSeverity } from '@portico/plugin-monitoring-common';
import type { AlertRecord, ComponentRecord, MonitoringStores } from '../database/MonitoringStore';

export interface FiringAlert {
  alert: AlertRecord;
  event: PorticoEvent;
  component?: ComponentRecord;
}

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

  async firing(tx: MonitoringStores & { trx: Knex.Transaction }, alert: AlertRecord, event: PorticoEvent, now: number, component?: ComponentRecord) {
    return (await this.firingMany(tx, [{ alert, event, component }], now)) > 0;
  }

  /**
   * Queues the notices of a webhook's new firing alerts: one read and one write of the
   * last-notified times for all of them; returns how many were queued.
   */
  async firingMany(tx: MonitoringStores & { trx: Knex.Transaction }, items: FiringAlert[], now: number): Promise<number> {
    if (items.length === 0) return 0;
    const last = await tx.notified.lastNotifiedMany(items.map(i => i.alert.fingerprint));
    const due: FiringAlert[] = [];
    for (const item of items) {
      const previous = last.get(item.alert.fingerprint);
      if (previous !== undefined && now - previous < this.options.repeatIntervalMs) continue;
      last.set(item.alert.fingerprint, now);
      due.push(item);
    }
    await tx.notified.recordMany(due.map(i => i.alert.fingerprint), now);
    for (const { alert, event, component } of due) {
      await this.options.outbox.enqueue(tx.trx, event, this.noticeOf(alert, component));
    }
    return due.length;
  }

  private noticeOf(alert: AlertRecord, component?: ComponentRecord) {
    const where = alert.componentRef ? ` on ${alert.componentRef.replace(/^component:(default\/)?/, '')}` : '';
    // The component itself as a recipient reaches its own channel: Backstage's Slack processor
    // posts to the recipient entity's `slack.com/bot-notify`, and in-portal its owners (already
    // recipients, not told twice).
    const channel = component?.alertChannel && alert.componentRef ? [alert.componentRef] : [];
    return {
      recipients: { entities: [alert.ownerRef ?? this.options.fallbackTeam, ...channel] },
      title: `[${alert.severity.toUpperCase()}] ${alert.alertname}${where}`,
      description: alert.summary ?? alert.description,
      link: this.options.appLink?.(alert) ?? `/monitoring?state=firing&q=${encodeURIComponent(`alertname=${alert.alertname}`)}`,
      severity: ROUTE[alert.severity],
    };
  }
}
