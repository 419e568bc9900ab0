/*
 * Alert ingest: Alertmanager webhooks of 100 alerts each through the monitoring ingest service,
 * one transaction per webhook, batched: one occurrence lookup, one component lookup by name,
 * chunked multi-row inserts, one `alert-firing` event insert in the outbox, the last-notified
 * times read and written once, and one routing notice per recipients+severity group in the
 * notification outbox; then the same webhooks again resolved (one `case` update, acks ended
 * together), against a raw multi-row insert of the same rows in one transaction.
 * SQLite (a file, as the embedded default) and PostgreSQL.
 *
 *   npm run bench                                          (all benchmarks)
 *   PORTICO_BENCH_WEBHOOKS=200 node --require @backstage/cli/config/nodeTransform.cjs bench/alert-ingest.ts
 *
 * PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING or
 * postgresql://postgres@127.0.0.1:5432; a throw-away database is created and dropped.
 * Prints numbers only.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { randomUUID } from 'crypto';
import knexFactory, { Knex } from 'knex';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { KnexOutboxStore, NotificationOutbox, OutboxPublisher } from '@portico/portico-node';
import { KnexMonitoringDatabase, labelText } from '../plugins/monitoring-backend/src/database/KnexMonitoringDatabase';
import { AlertRouting } from '../plugins/monitoring-backend/src/service/AlertRouting';
import { ComponentResolver } from '../plugins/monitoring-backend/src/service/ComponentResolver';
import { IngestService } from '../plugins/monitoring-backend/src/service/IngestService';
import type { IncomingAlert } from '../plugins/monitoring-backend/src/service/normalize';

const WEBHOOKS = Number(process.env.PORTICO_BENCH_WEBHOOKS ?? 50);
const ALERTS_PER_WEBHOOK = 100;
const COMPONENTS = 1000;

const quietLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function webhookAlerts(w: number, status: 'firing' | 'resolved'): IncomingAlert[] {
  const startsAt = Date.parse('2026-12-01T00:00:00Z') + w * 1000;
  return Array.from({ length: ALERTS_PER_WEBHOOK }, (_, i) => ({
    status,
    fingerprint: `${w.toString(16)}-${i.toString(16)}`,
    startsAt,
    endsAt: status === 'resolved' ? startsAt + 60_000 : undefined,
    labels: {
      alertname: 'HighErrorRate',
      severity: i % 10 === 0 ? 'critical' : 'warning',
      service: `svc-${(w * ALERTS_PER_WEBHOOK + i) % COMPONENTS}`,
      instance: `10.0.${w % 250}.${i}:8080`,
      job: 'api',
    },
    annotations: { summary: 'More than 5 % of the requests fail (5xx)' },
    groupKey: `{}:{alertname="HighErrorRate",w="${w}"}`,
    source: 'alertmanager' as const,
  }));
}

async function bench(engine: string, knex: Knex) {
  const db = await KnexMonitoringDatabase.create({ knex });
  for (let i = 0; i < COMPONENTS; i += 100) {
    await db.transaction(async tx => {
      for (let j = i; j < i + 100; j++) {
        await tx.components.upsert(
          { entityRef: `component:default/svc-${j}`, name: `svc-${j}`, ownerRef: `group:default/team-${j % 20}`, hash: 'h' },
          1,
        );
      }
    });
  }
  if (knex.client.dialect === 'postgresql') await knex.raw('analyze');
  const ingest = new IngestService({
    db,
    events: new OutboxPublisher(new KnexOutboxStore(knex)),
    resolver: new ComponentResolver({ labels: ['component', 'service', 'job'] }),
    routing: new AlertRouting({
      outbox: new NotificationOutbox({ knex, notifications: { send: async () => {} } as any, logger: quietLogger }),
      repeatIntervalMs: 3_600_000,
      fallbackTeam: 'group:default/sre',
    }),
    clock: { now: () => Date.now() },
    logger: quietLogger,
  });

  const measure = async (status: 'firing' | 'resolved') => {
    const times: number[] = [];
    const start = process.hrtime.bigint();
    for (let w = 0; w < WEBHOOKS; w++) {
      const t0 = process.hrtime.bigint();
      const result = await ingest.ingest(webhookAlerts(w, status));
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const changed = status === 'firing' ? result.created : result.resolved;
      if (changed !== ALERTS_PER_WEBHOOK) throw new Error(`${engine}: ${changed} of ${ALERTS_PER_WEBHOOK} ${status}`);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99), perSecond: (WEBHOOKS * ALERTS_PER_WEBHOOK) / seconds };
  };
  const firing = await measure('firing');
  const again = await measure('resolved');

  // The floor: the same rows, one multi-row insert per webhook, in its transaction, nothing else.
  await knex('monitoring_alerts').delete();
  const rawTimes: number[] = [];
  const rawStart = process.hrtime.bigint();
  for (let w = 0; w < WEBHOOKS; w++) {
    const t0 = process.hrtime.bigint();
    const now = Date.now();
    await knex.transaction(trx =>
      trx('monitoring_alerts').insert(
        webhookAlerts(w, 'firing').map(a => ({
          id: randomUUID(),
          fingerprint: a.fingerprint,
          starts_at: a.startsAt,
          state: 'firing',
          alertname: a.labels.alertname,
          severity: a.labels.severity,
          summary: a.annotations.summary,
          labels: JSON.stringify(a.labels),
          annotations: JSON.stringify(a.annotations),
          label_text: labelText(a.labels),
          source: 'alertmanager',
          group_key: a.groupKey,
          created_at: now,
          updated_at: now,
        })),
      ),
    );
    rawTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const rawSeconds = Number(process.hrtime.bigint() - rawStart) / 1e9;
  rawTimes.sort((a, b) => a - b);
  const rawPerSecond = (WEBHOOKS * ALERTS_PER_WEBHOOK) / rawSeconds;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    [
      engine.padEnd(14),
      `firing ${Math.round(firing.perSecond)} alerts/s, webhook p50 ${ms(firing.p50)} p99 ${ms(firing.p99)}`,
      `| resolved ${Math.round(again.perSecond)} alerts/s, p99 ${ms(again.p99)}`,
      `| raw insert ${Math.round(rawPerSecond)} alerts/s, p99 ${ms(percentile(rawTimes, 99))}`,
      `| ratio ${(firing.perSecond / rawPerSecond).toFixed(2)}`,
    ].join('  '),
  );
}

async function main() {
  console.log(`Alert ingest: ${WEBHOOKS} webhooks of ${ALERTS_PER_WEBHOOK} alerts, ${COMPONENTS} components in the projection`);
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-alerts-'));
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'monitoring.sqlite') },
    useNullAsDefault: true,
  });
  try {
    await bench('SQLite 3', sqlite);
  } finally {
    await sqlite.destroy();
    rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? 'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection: url });
  const database = `portico_bench_alerts_${Date.now()}`;
  try {
    await admin.raw(`CREATE DATABASE ${database}`);
  } catch (error) {
    console.log(`PostgreSQL      skipped: cannot reach ${url} (${(error as Error).message})`);
    await admin.destroy();
    return;
  }
  const pg = knexFactory({ client: 'pg', connection: `${url.replace(/\/$/, '')}/${database}` });
  try {
    await bench('PostgreSQL', pg);
  } finally {
    await pg.destroy();
    await admin.raw(`DROP DATABASE ${database}`);
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
