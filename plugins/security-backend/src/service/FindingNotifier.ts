import type { Knex } from 'knex';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type {
  NotificationOutbox,
  PorticoSeverity,
} from '@portico/portico-node';
import {
  SEVERITIES,
  type IngestSummary,
  type Severity,
} from '@portico/plugin-security-common';
import type { SecurityStores } from '../database/SecurityStore';
import type { Clock } from './clock';

/**
 * Finding severity → Backstage notification severity; the notification processors' filters in
 * app-config pick the channels: critical → every channel, high → Slack + e-mail, medium → Slack.
 * Low and unknown findings are not notified.
 */
const ROUTE: Partial<Record<Severity, PorticoSeverity>> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
};

const shortRef = (ref: string) => ref.replace(/^[a-z]+:default\//, '');

/**
 * Tells the owner team (the fallback team for unowned findings) about new findings and runtime
 * alerts, through the notification outbox in the consumer's transaction. A report is one notice
 * with its counts at its highest new severity; a runtime finding is notified again only after the
 * repeat interval, however many Falco events it gets.
 */
export class FindingNotifier {
  constructor(
    private readonly options: {
      outbox: Pick<NotificationOutbox, 'enqueue'>;
      repeatIntervalMs: number;
      fallbackTeam: string;
      clock: Clock;
      /** The plugin's stores on the consumer's transaction. */
      storesOn: (
        trx: Knex.Transaction,
      ) => Pick<SecurityStores, 'components' | 'reports'>;
    },
  ) {}

  async onEvent(event: PorticoEvent, trx: Knex.Transaction): Promise<void> {
    if (event.topic !== 'security-findings') return;
    if (event.type === 'report-ingested') await this.report(event, trx);
    else if (event.type === 'runtime-alert') await this.runtime(event, trx);
  }

  private async report(event: PorticoEvent, trx: Knex.Transaction) {
    const summary = event.data as unknown as IngestSummary;
    const news = SEVERITIES.map(s => ({
      severity: s,
      count: (summary.opened?.[s] ?? 0) + (summary.reopened?.[s] ?? 0),
    })).filter(n => n.count > 0 && ROUTE[n.severity]);
    if (!news.length) return;
    const owner = summary.componentRef
      ? (await this.options.storesOn(trx).components.get(summary.componentRef))
          ?.ownerRef
      : undefined;
    const where = summary.componentRef
      ? shortRef(summary.componentRef)
      : summary.artifact;
    await this.options.outbox.enqueue(trx, event, {
      recipients: { entities: [owner ?? this.options.fallbackTeam] },
      title: `[${news[0].severity.toUpperCase()}] New findings on ${where}: ${news
        .map(n => `${n.count} ${n.severity}`)
        .join(', ')}`,
      description: `Scan ${summary.scanId} of ${summary.artifact}`,
      link: summary.componentRef
        ? `/security?componentRef=${encodeURIComponent(
            summary.componentRef,
          )}&state=open`
        : `/security?unowned=true&state=open`,
      severity: ROUTE[news[0].severity],
    });
  }

  private async runtime(event: PorticoEvent, trx: Knex.Transaction) {
    const data = event.data as {
      findingId: string;
      severity: Severity;
      rule: string;
      output?: string;
      ownerRef?: string;
      componentRef?: string;
    };
    const route = ROUTE[data.severity];
    if (!route) return;
    const now = this.options.clock.now();
    const guard = this.options.storesOn(trx).reports;
    const last = await guard.lastNotified(data.findingId);
    if (last !== undefined && now - last < this.options.repeatIntervalMs)
      return;
    await guard.recordNotified(data.findingId, now);
    const where = data.componentRef ? ` on ${shortRef(data.componentRef)}` : '';
    await this.options.outbox.enqueue(trx, event, {
      recipients: { entities: [data.ownerRef ?? this.options.fallbackTeam] },
      title: `[${data.severity.toUpperCase()}] Runtime alert${where}: ${
        data.rule
      }`,
      description: data.output,
      link: `/security/findings/${data.findingId}`,
      severity: route,
    });
  }
}
