import type { Knex } from 'knex';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type { EventNotice, NotificationOutbox, PorticoSeverity } from '@portico/portico-node';
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
 * Queues the notices of firing alerts to the components' owner teams (and channels), in the
 * transaction that records them; a fingerprint already notified within the repeat interval is
 * not notified again.
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
    // Like Alertmanager's grouping: the alerts of one webhook that go to the same recipients at
    // the same severity make one notice (a burst of 100 alerts is not 100 pages).
    const groups = new Map<string, FiringAlert[]>();
    for (const item of due) {
      const key = `${ROUTE[item.alert.severity]}|${this.recipientsOf(item).join(',')}`;
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    for (const group of groups.values()) {
      await this.options.outbox.enqueue(tx.trx, group[0].event, this.noticeOf(group));
    }
    return due.length;
  }

  /**
   * The owner team, and the component itself when it names its own channel: Backstage's Slack
   * processor posts to a recipient entity's `slack.com/bot-notify`, and in the portal a
   * component reaches its owners (already recipients, not told twice).
   */
  private recipientsOf({ alert, component }: FiringAlert): string[] {
    const channel = component?.alertChannel && alert.componentRef ? [alert.componentRef] : [];
    return [alert.ownerRef ?? this.options.fallbackTeam, ...channel];
  }

  private noticeOf(group: FiringAlert[]): EventNotice {
    const [{ alert }] = group;
    const recipients = { entities: this.recipientsOf(group[0]) };
    const severity = ROUTE[alert.severity];
    const where = (a: AlertRecord) => (a.componentRef ? ` on ${a.componentRef.replace(/^component:(default\/)?/, '')}` : '');
    if (group.length === 1) {
      return {
        recipients,
        title: `[${alert.severity.toUpperCase()}] ${alert.alertname}${where(alert)}`,
        description: alert.summary ?? alert.description,
        link: this.options.appLink?.(alert) ?? `/monitoring?state=firing&q=${encodeURIComponent(`alertname=${alert.alertname}`)}`,
        severity,
      };
    }
    const shown = group.slice(0, 10).map(({ alert: a }) => `${a.alertname}${where(a)}${a.summary ? `: ${a.summary}` : ''}`);
    const more = group.length > shown.length ? [`and ${group.length - shown.length} more`] : [];
    const team = alert.ownerRef ? `&team=${encodeURIComponent(alert.ownerRef)}` : '';
    return {
      recipients,
      title: `[${alert.severity.toUpperCase()}] ${group.length} alerts firing${alert.ownerRef ? ` for ${alert.ownerRef.replace(/^group:(default\/)?/, '')}` : ''}`,
      description: [...shown, ...more].join('\n'),
      link: `/monitoring?state=firing&severity=${[...new Set(group.map(g => g.alert.severity))].join(',')}${team}`,
      severity,
    };
  }
}
