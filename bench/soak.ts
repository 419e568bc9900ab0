/*
 * Soak: many clients for minutes of mixed reads and writes across the plugins, on one backend.
 *
 * A real backend (bench/crash/backend.ts: apim, promotions, service desk, the events page, and
 * a recorder of every delivered event, with security and monitoring) on fresh databases, with
 * security findings and monitoring alerts bulk-inserted as bench/scale.ts does (the other
 * plugins' rows come from the soak's own writes). Each client loops: mostly reads of
 * the list pages the UI calls, sometimes a write (an application, a promotion request, a
 * ticket), as one of the demo users. It prints p95 per endpoint per minute, the errors (the
 * goal is none), the backend's resident memory sampled every 10 s (start, after warm-up, end)
 * and the relay lag (delivery time minus the event's time, from the recorder) per minute.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/soak.ts
 *
 * Env: PORTICO_BENCH_SOAK_CLIENTS 100, PORTICO_BENCH_SOAK_MINUTES 5, PORTICO_BENCH_SOAK_WRITES
 * 0.1 (share of writes), PORTICO_BENCH_SOAK_FINDINGS 10000, PORTICO_BENCH_SOAK_ALERTS 5000,
 * PORTICO_BENCH_ENGINE pg (or sqlite), PORTICO_BENCH_PORT 7296. PostgreSQL databases are
 * prefixed portico_soak_bench_<port>_ and dropped.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  backendReady,
  logger,
  postgresEngine,
  sleep,
  sqliteEngine,
  startBackend,
  stopBackend,
  tokenFor,
  until,
  WITHOUT_PROMETHEUS,
} from './lib/harness';
import { seedMonitoring } from './scale/seedMonitoring';
import { seedSecurity } from './scale/seedSecurity';

const env = (name: string, fallback: number) =>
  Number(process.env[`PORTICO_BENCH_${name}`] ?? fallback);
const CLIENTS = env('SOAK_CLIENTS', 100);
const MINUTES = env('SOAK_MINUTES', 5);
const WRITES = env('SOAK_WRITES', 0.1);
const FINDINGS = env('SOAK_FINDINGS', 10_000);
const ALERTS = env('SOAK_ALERTS', 5_000);
const PORT = env('PORT', 7296);
const ENGINE = process.env.PORTICO_BENCH_ENGINE ?? 'pg';
const BASE = `http://localhost:${PORT}`;
const log = logger('soak');

type User = 'alice' | 'bob' | 'judy' | 'heidi';

interface Op {
  name: string;
  user: User;
  method?: 'POST';
  path: string;
  body?: (n: number) => unknown;
}

const READS: Op[] = [
  {
    name: 'catalog by-query limit=25',
    user: 'alice',
    path: '/api/catalog/entities/by-query?limit=25',
  },
  { name: 'apim GET /apis', user: 'alice', path: '/api/apim/apis' },
  {
    name: 'apim GET /applications',
    user: 'alice',
    path: '/api/apim/applications',
  },
  {
    name: 'apim GET /subscriptions',
    user: 'alice',
    path: '/api/apim/subscriptions',
  },
  {
    name: 'promotions GET /requests',
    user: 'bob',
    path: '/api/promotions/requests',
  },
  {
    name: 'promotions GET /requests/count',
    user: 'bob',
    path: '/api/promotions/requests/count',
  },
  {
    name: 'servicedesk GET /services',
    user: 'alice',
    path: '/api/servicedesk/services',
  },
  {
    name: 'servicedesk GET /requests (queue)',
    user: 'heidi',
    path: '/api/servicedesk/requests?scope=queue',
  },
  { name: 'portico GET /events', user: 'judy', path: '/api/portico/events' },
  {
    name: 'security GET /findings',
    user: 'judy',
    path: '/api/security/findings?state=open%2Cacknowledged%2Cin_progress&limit=25',
  },
  {
    name: 'security GET /findings (team member)',
    user: 'alice',
    path: '/api/security/findings?state=open%2Cacknowledged%2Cin_progress&limit=25',
  },
  {
    name: 'monitoring GET /alerts',
    user: 'bob',
    path: '/api/monitoring/alerts?state=firing%2Cacknowledged&limit=25',
  },
  {
    name: 'monitoring GET /stats',
    user: 'heidi',
    path: '/api/monitoring/stats',
  },
];

const WRITE_OPS: Op[] = [
  {
    name: 'apim POST /applications',
    user: 'alice',
    method: 'POST',
    path: '/api/apim/applications',
    body: n => ({
      name: `soak-app-${process.pid}-${n}`,
      owner: 'group:default/payments-team',
      environments: ['sandbox'],
    }),
  },
  {
    name: 'promotions POST /requests',
    user: 'alice',
    method: 'POST',
    path: '/api/promotions/requests',
    body: n => ({
      componentRef: 'component:default/payments-gateway',
      version: `7.${process.pid}.${n}`,
      justification: 'Soak bench: a steady stream of releases',
      rollbackPlan: 'Redeploy the previous version',
    }),
  },
  {
    name: 'servicedesk POST /requests',
    user: 'alice',
    method: 'POST',
    path: '/api/servicedesk/requests',
    body: n => ({
      service: 'hardware_request',
      title: `Soak laptop ${n}`,
      formData: { item: 'laptop', quantity: 1, deliveryLocation: 'HQ' },
    }),
  },
];

interface Sample {
  op: string;
  minute: number;
  ms: number;
  ok: boolean;
  error?: string;
}

const quantile = (values: number[], q: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function main() {
  const engine =
    ENGINE === 'sqlite'
      ? await sqliteEngine()
      : await postgresEngine(`portico_soak_bench_${PORT}_`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-soak-'));
  const recordFile = path.join(dir, 'delivered.jsonl');
  const backend = startBackend({
    script: 'bench/crash/backend.ts',
    port: PORT,
    logFile: path.join(dir, 'backend.log'),
    env: {
      PORTICO_CRASH_RECORD: recordFile,
      PORTICO_BENCH_SECURITY_MONITORING: '1',
      ...WITHOUT_PROMETHEUS,
    },
    config: {
      backend: { database: engine.config },
      portico: { events: { relay: { intervalSeconds: 2 } } },
      // As in bench/scale.ts: the seeded findings stay as seeded, and no Prometheus or Alertmanager.
      security: {
        demo: { seedReports: false },
        weeklyReport: { enabled: false },
        sync: { intervalSeconds: 300 },
      },
    },
  });
  try {
    await until('the backend', 600_000, () => backendReady(BASE), backend);
    await until(
      'the demo users in the catalog',
      600_000,
      async () => Boolean(await tokenFor(BASE, 'judy')),
      backend,
    );
    // Every plugin has started, so their migrations ran: the findings and alerts go in now.
    const seededAt = Date.now();
    await seedSecurity(engine.pluginDb('security'), FINDINGS, seededAt);
    await seedMonitoring(engine.pluginDb('monitoring'), ALERTS, seededAt);
    log(
      `${engine.name}: ${FINDINGS} findings and ${ALERTS} alerts seeded in ${(
        (Date.now() - seededAt) /
        1000
      ).toFixed(0)} s`,
    );
    const tokens = new Map<string, string>();
    for (const user of ['alice', 'bob', 'judy', 'heidi'])
      tokens.set(user, await tokenFor(BASE, user));
    log(
      `${engine.name}: ${CLIENTS} clients for ${MINUTES} min, ${Math.round(
        WRITES * 100,
      )} % writes`,
    );

    const samples: Sample[] = [];
    const rss: Array<{ at: number; mib: number }> = [];
    const start = Date.now();
    const end = start + MINUTES * 60_000;
    const pid = backend.child.pid!;
    rss.push({ at: 0, mib: rssMiB(pid) });
    const sampler = setInterval(
      () => rss.push({ at: Date.now() - start, mib: rssMiB(pid) }),
      10_000,
    );
    let n = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < end) {
          const i = n++;
          const op =
            Math.random() < WRITES
              ? WRITE_OPS[i % WRITE_OPS.length]
              : READS[i % READS.length];
          const t0 = Date.now();
          let ok = false;
          let error: string | undefined;
          try {
            const res = await fetch(`${BASE}${op.path}`, {
              method: op.method ?? 'GET',
              headers: {
                authorization: `Bearer ${tokens.get(op.user)}`,
                'content-type': 'application/json',
              },
              body: op.body ? JSON.stringify(op.body(i)) : undefined,
              signal: AbortSignal.timeout(120_000),
            });
            const text = await res.text();
            ok = res.ok;
            if (!ok) error = `${res.status} ${text.slice(0, 160)}`;
          } catch (e) {
            error = String((e as Error)?.message ?? e);
          }
          samples.push({
            op: op.name,
            minute: Math.floor((t0 - start) / 60_000),
            ms: Date.now() - t0,
            ok,
            error,
          });
        }
      }),
    );
    clearInterval(sampler);
    rss.push({ at: Date.now() - start, mib: rssMiB(pid) });
    // Let the relays deliver what the last writes produced before reading the lag.
    await sleep(10_000);

    const minutes = Array.from({ length: MINUTES }, (_, m) => m);
    const ops = [...READS, ...WRITE_OPS].map(o => o.name);
    const lines = [
      `Soak on ${
        engine.name
      }: ${CLIENTS} clients x ${MINUTES} min, ${Math.round(
        WRITES * 100,
      )} % writes; ${samples.length} requests, ` +
        `${samples.filter(s => !s.ok).length} errors; ${
          os.cpus().length
        } cores, load average ${os
          .loadavg()
          .map(v => v.toFixed(2))
          .join(' ')}`,
      '',
      `| endpoint (p95 ms per minute) | ${minutes
        .map(m => `min ${m + 1}`)
        .join(' | ')} | requests | errors |`,
      `|---|${minutes.map(() => '---:').join('|')}|---:|---:|`,
    ];
    for (const op of ops) {
      const mine = samples.filter(s => s.op === op);
      const cells = minutes.map(m => {
        const p = quantile(
          mine.filter(s => s.minute === m).map(s => s.ms),
          0.95,
        );
        return Number.isNaN(p) ? '-' : p.toFixed(0);
      });
      lines.push(
        `| ${op} | ${cells.join(' | ')} | ${mine.length} | ${
          mine.filter(s => !s.ok).length
        } |`,
      );
    }
    const delivered = fs.existsSync(recordFile)
      ? fs
          .readFileSync(recordFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map(
            line =>
              JSON.parse(line) as { occurredAt?: string; receivedAt: string },
          )
          .filter(r => r.occurredAt && Date.parse(r.occurredAt) >= start)
      : [];
    const lag = (m: number) =>
      delivered
        .filter(
          r => Math.floor((Date.parse(r.occurredAt!) - start) / 60_000) === m,
        )
        .map(r => Date.parse(r.receivedAt) - Date.parse(r.occurredAt!));
    lines.push(
      `| relay lag p95 ms (events delivered: ${delivered.length}) | ${minutes
        .map(m => {
          const p = quantile(lag(m), 0.95);
          return Number.isNaN(p) ? '-' : p.toFixed(0);
        })
        .join(' | ')} | | |`,
      `| relay lag max ms | ${minutes
        .map(m => (lag(m).length ? Math.max(...lag(m)).toFixed(0) : '-'))
        .join(' | ')} | | |`,
    );
    const warm = rss.find(r => r.at >= 60_000) ?? rss[0];
    lines.push(
      '',
      `Backend RSS (MiB): start ${rss[0].mib.toFixed(
        0,
      )}, after the first minute ${warm.mib.toFixed(0)}, end ${rss[
        rss.length - 1
      ].mib.toFixed(0)}, ` +
        `max ${Math.max(...rss.map(r => r.mib)).toFixed(0)}; every 10 s: ${rss
          .map(r => r.mib.toFixed(0))
          .join(' ')}`,
    );
    const errors = new Map<string, number>();
    for (const s of samples.filter(x => !x.ok))
      errors.set(
        `${s.op}: ${s.error}`,
        (errors.get(`${s.op}: ${s.error}`) ?? 0) + 1,
      );
    if (errors.size)
      lines.push(
        '',
        'Errors:',
        ...[...errors.entries()].slice(0, 10).map(([k, c]) => `- ${c} x ${k}`),
      );
    // eslint-disable-next-line no-console
    console.log(lines.join('\n'));
  } finally {
    await stopBackend(backend);
    await engine.cleanUp();
    if (!process.env.PORTICO_BENCH_KEEP)
      fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(String(error?.stack ?? error).slice(-3000));
  process.exit(1);
});
