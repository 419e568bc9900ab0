import { createHash } from 'crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { HealthSummary } from '@portico/plugin-monitoring-common';
import type { OutboundAddressPolicy } from '@portico/portico-node';
import type { ComponentRecord, HealthCheckRecord, MonitoringDatabase } from '../database/MonitoringStore';
import type { Clock } from './clock';
import type { IngestService } from './IngestService';
import type { IncomingAlert } from './normalize';

const HOUR = 3_600_000;
const PAGE = 200;

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/**
 * Uptime Kuma's job: calls each component's `portico.io/health-url` (through the outbound-address
 * policy, since the URL comes from catalog YAML), records up/down and latency, and after N failed
 * checks in a row raises `HealthCheckDown` through the same ingest as Alertmanager's alerts;
 * the first good check resolves it.
 */
export class HealthProber {
  constructor(
    private readonly options: {
      db: MonitoringDatabase;
      policy: Pick<OutboundAddressPolicy, 'request'>;
      ingest: IngestService;
      clock: Clock;
      logger: LoggerService;
      timeoutMs: number;
      concurrency: number;
      downAfterChecks: number;
      retentionDays: number;
    },
  ) {}

  async run(): Promise<{ checked: number }> {
    const { db, concurrency } = this.options;
    let checked = 0;
    const probe = (component: ComponentRecord) => this.probe(component).then(() => undefined);
    for (let offset = 0; ; offset += PAGE) {
      const page = await db.components.withHealthUrl(PAGE, offset);
      await pool(page, concurrency, probe);
      checked += page.length;
      if (page.length < PAGE) break;
    }
    await db.health.prune(this.options.clock.now() - this.options.retentionDays * 24 * HOUR);
    return { checked };
  }

  async probe(component: ComponentRecord): Promise<HealthCheckRecord> {
    const { db, policy, clock, timeoutMs } = this.options;
    const checkedAt = clock.now();
    let record: HealthCheckRecord;
    try {
      const res = await policy.request({ url: new URL(component.healthUrl!), method: 'GET', timeoutMs, maxBodyBytes: 4096 });
      record = {
        entityRef: component.entityRef,
        checkedAt,
        up: res.status >= 200 && res.status < 400,
        latencyMs: Math.round(res.durationMs),
        statusCode: res.status,
      };
    } catch (error) {
      record = { entityRef: component.entityRef, checkedAt, up: false, error: String((error as Error).message).slice(0, 500) };
    }
    await db.health.insert(record);
    await this.raiseOrResolve(component).catch(e =>
      this.options.logger.warn(`Health alert of ${component.entityRef} not recorded: ${e}`),
    );
    return record;
  }

  private async raiseOrResolve(component: ComponentRecord) {
    const n = this.options.downAfterChecks;
    const recent = await this.options.db.health.recent(component.entityRef, 200);
    const latestUp = recent[0]?.up;
    // The down streak: the newest consecutive failures (when down now), or the ones just before the newest success.
    const streak: HealthCheckRecord[] = [];
    for (const check of recent.slice(latestUp ? 1 : 0)) {
      if (check.up) break;
      streak.push(check);
    }
    if (streak.length < n) return;
    if (latestUp && recent[1]?.up !== false) return;
    const startsAt = streak[streak.length - 1].checkedAt;
    const alert: IncomingAlert = {
      status: latestUp ? 'resolved' : 'firing',
      fingerprint: createHash('sha256').update(`health:${component.entityRef}`).digest('hex').slice(0, 16),
      startsAt,
      endsAt: latestUp ? recent[0].checkedAt : undefined,
      labels: {
        alertname: 'HealthCheckDown',
        severity: 'critical',
        portico_component: component.entityRef,
        source: 'portico-health',
      },
      annotations: {
        summary: `${component.entityRef} failed ${streak.length} health checks in a row`,
        description: `${component.healthUrl}: ${streak[0].error ?? `HTTP ${streak[0].statusCode}`}`,
      },
      groupKey: 'portico:{alertname="HealthCheckDown"}',
      source: 'portico',
    };
    await this.options.ingest.ingest([alert]);
  }

  async summary(entityRef: string): Promise<HealthSummary> {
    const { db, clock } = this.options;
    const component = await db.components.get(entityRef);
    const now = clock.now();
    const recent = await db.health.recent(entityRef.toLowerCase(), 60);
    const iso = (t: number) => new Date(t).toISOString();
    return {
      entityRef: entityRef.toLowerCase(),
      healthUrl: component?.healthUrl,
      lastCheck: recent[0]
        ? { at: iso(recent[0].checkedAt), up: recent[0].up, latencyMs: recent[0].latencyMs, statusCode: recent[0].statusCode, error: recent[0].error }
        : undefined,
      uptime: {
        hours24: await db.health.uptime(entityRef.toLowerCase(), now - 24 * HOUR),
        days7: await db.health.uptime(entityRef.toLowerCase(), now - 7 * 24 * HOUR),
        days30: await db.health.uptime(entityRef.toLowerCase(), now - 30 * 24 * HOUR),
      },
      history: recent.map(c => ({ at: iso(c.checkedAt), up: c.up, latencyMs: c.latencyMs })),
    };
  }
}
