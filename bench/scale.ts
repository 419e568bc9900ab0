/*
 * Scale: Portico's list and detail endpoints at a company's size, against the catalog's own
 * list endpoint on the same backend, on PostgreSQL and on SQLite.
 *
 * For each engine it starts a real backend (bench/scale/backend.ts, a child process with the
 * real plugins), lets a catalog entity provider fixture put the API entities in, bulk-inserts
 * the plugins' rows into their own tables (after their migrations ran), then 16 clients send a
 * fixed number of requests to each endpoint the UI calls, each call followed by one of the
 * reference (`GET /api/catalog/entities/by-query?limit=25`), and it prints p50/p95/p99 and each
 * endpoint's p95 over the reference's p95 in the same window, with the machine's load average.
 *
 *   npm run bench                                   (every benchmark)
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/scale.ts
 *
 * Sizes (env): PORTICO_BENCH_APIS 10000, _APPLICATIONS 2000, _SUBSCRIPTIONS 100000, _KEYS 10000,
 * _PROMOTIONS 20000, _TICKETS 50000, _FINDINGS 100000 (security, over 500 components),
 * _ALERTS 50000 (monitoring), _EVENTS 20000 (outbox rows per plugin),
 * _REQUESTS 200 (per endpoint, and as many of the reference interleaved with them), _CLIENTS 16,
 * _ENGINES "pg,sqlite", _SCALE (multiplies every size, e.g. 0.1 for a quick run), _PORT 7290,
 * _ONLY (measure only the endpoints whose name holds this text).
 * PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING or
 * postgresql://postgres@127.0.0.1:5432; its databases are prefixed portico_scale_bench_<port>_ and
 * dropped (the port in the prefix: two runs on other ports never drop each other's databases).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Seeded, Sizes } from './scale/seed';
import {
  seedApim,
  seedOutbox,
  seedPromotions,
  seedServicedesk,
} from './scale/seed';
import { seedMonitoring } from './scale/seedMonitoring';
import { BENCH_COMPONENTS, seedSecurity } from './scale/seedSecurity';
import {
  Engine,
  WITHOUT_PROMETHEUS,
  logger,
  postgresEngine,
  sqliteEngine,
  startBackend,
  stopBackend,
  tokenFor as signIn,
  until,
} from './lib/harness';

const env = (name: string, fallback: number) =>
  Number(process.env[`PORTICO_BENCH_${name}`] ?? fallback);
const SCALE = env('SCALE', 1);
const sized = (name: string, fallback: number) =>
  Math.max(1, Math.round(env(name, fallback) * SCALE));
const SIZES: Sizes = {
  apis: sized('APIS', 10_000),
  applications: sized('APPLICATIONS', 2_000),
  subscriptions: sized('SUBSCRIPTIONS', 100_000),
  keys: sized('KEYS', 10_000),
  promotions: sized('PROMOTIONS', 20_000),
  tickets: sized('TICKETS', 50_000),
  findings: sized('FINDINGS', 100_000),
  alerts: sized('ALERTS', 50_000),
};
const EVENTS = sized('EVENTS', 20_000);
const REQUESTS = env('REQUESTS', 200);
const CLIENTS = env('CLIENTS', 16);
const PORT = env('PORT', 7290);
const ENGINES = (process.env.PORTICO_BENCH_ENGINES ?? 'pg,sqlite')
  .split(',')
  .map(s => s.trim());
const PG_PREFIX = `portico_scale_bench_${PORT}_`;
const BASE = `http://localhost:${PORT}`;

const log = logger('scale');

function startScaleBackend(engine: Engine, apisAfter: string) {
  return startBackend({
    script: 'bench/scale/backend.ts',
    port: PORT,
    env: {
      PORTICO_BENCH_APIS: String(SIZES.apis),
      PORTICO_BENCH_APIS_AFTER: apisAfter,
      // No Prometheus or Alertmanager: the measured monitoring reads never leave the backend.
      ...WITHOUT_PROMETHEUS,
    },
    config: {
      backend: { database: engine.config },
      // The relay and the followers stay quiet: the bench measures the request paths.
      portico: { events: { relay: { intervalSeconds: 60 } } },
      // The catalog processes every entity once (new entities at once), then not again during
      // the run: by default it re-processes all of them every 100-150 s, which at 10,000 APIs
      // on a 2-core machine is a constant background load that has nothing to do with the
      // endpoints measured.
      catalog: { processingInterval: { hours: 6 } },
      // The seeded findings stay as seeded: no demo reports, no weekly report run in the middle
      // of a measurement, the component projection at its production interval. Their images are
      // claimed by no catalog component, so the projection's sync leaves them alone.
      security: {
        demo: { seedReports: false },
        weeklyReport: { enabled: false },
        sync: { intervalSeconds: 300 },
      },
    },
  });
}

const tokenFor = (user: string) => signIn(BASE, user);

interface Endpoint {
  name: string;
  path: (i: number) => string;
  /** The demo user who calls it (and the reference beside it); judy, the portal admin, by default. */
  user?: string;
}

function endpoints(seeded: Seeded): Endpoint[] {
  const pick = <T>(list: T[], i: number) => list[(i * 7919) % list.length];
  const api = (i: number) =>
    `bench-api-${String((i * 7919) % SIZES.apis).padStart(5, '0')}`;
  const component = (i: number) =>
    encodeURIComponent(
      `component:default/bench-service-${
        (i * 7919) % Math.min(BENCH_COMPONENTS, SIZES.findings)
      }`,
    );
  // What the Security page asks when no state is chosen: the active states.
  const ACTIVE = 'state=open%2Cacknowledged%2Cin_progress';
  return [
    {
      name: 'catalog by-query limit=25 (reference)',
      path: () => '/api/catalog/entities/by-query?limit=25',
    },
    { name: 'apim GET /apis', path: () => '/api/apim/apis' },
    {
      name: 'apim GET /apis/:ns/:name',
      path: i => `/api/apim/apis/default/${api(i)}`,
    },
    { name: 'apim GET /applications', path: () => '/api/apim/applications' },
    {
      name: 'apim GET /applications/:id',
      path: i => `/api/apim/applications/${pick(seeded.applicationIds, i)}`,
    },
    {
      name: 'apim GET /applications/:id/keys',
      path: i =>
        `/api/apim/applications/${pick(seeded.applicationIds, i)}/keys`,
    },
    { name: 'apim GET /subscriptions', path: () => '/api/apim/subscriptions' },
    {
      name: 'apim GET /subscriptions/:id',
      path: i => `/api/apim/subscriptions/${pick(seeded.subscriptionIds, i)}`,
    },
    {
      name: 'promotions GET /settings',
      path: () => '/api/promotions/settings',
    },
    {
      name: 'promotions GET /requests',
      path: () => '/api/promotions/requests',
    },
    {
      name: 'promotions GET /requests?state=PENDING',
      path: () => '/api/promotions/requests?state=PENDING',
    },
    {
      name: 'promotions GET /requests?mine=true',
      path: () => '/api/promotions/requests?mine=true',
    },
    {
      name: 'promotions GET /requests?awaitingMyApproval',
      path: () => '/api/promotions/requests?awaitingMyApproval=true',
    },
    {
      name: 'promotions GET /requests/count',
      path: () => '/api/promotions/requests/count',
    },
    {
      name: 'promotions GET /requests/:id',
      path: i => `/api/promotions/requests/${pick(seeded.promotionIds, i)}`,
    },
    {
      name: 'servicedesk GET /services',
      path: () => '/api/servicedesk/services',
    },
    {
      name: 'servicedesk GET /services/:slug',
      path: i => `/api/servicedesk/services/${pick(seeded.serviceSlugs, i)}`,
    },
    {
      name: 'servicedesk GET /requests',
      path: () => '/api/servicedesk/requests',
    },
    {
      name: 'servicedesk GET /requests?status=new',
      path: () => '/api/servicedesk/requests?status=new',
    },
    {
      name: 'servicedesk GET /requests/:ticketId',
      path: i => `/api/servicedesk/requests/${pick(seeded.ticketIds, i)}`,
    },
    { name: 'servicedesk GET /teams', path: () => '/api/servicedesk/teams' },
    {
      name: 'servicedesk GET /reports/sla',
      path: () => '/api/servicedesk/reports/sla',
    },
    { name: 'portico GET /events', path: () => '/api/portico/events' },
    {
      name: 'portico GET /events/:plugin/:id',
      path: i => {
        const e = pick(seeded.eventIds, i);
        return `/api/portico/events/${e.plugin}/${e.id}`;
      },
    },
    // Security: the Security page (stats, 30-day trend, first page of active findings), its
    // severity filter, the runtime tab, a finding's page, the weekly report, and a component's
    // Security tab. Judy may triage, so she reads every team's findings; alice reads her teams'
    // only (the owner filter of a member who is not in the security group).
    {
      name: 'security GET /findings',
      path: () => `/api/security/findings?${ACTIVE}&limit=25&offset=0`,
    },
    {
      name: 'security GET /findings (team member)',
      user: 'alice',
      path: () => `/api/security/findings?${ACTIVE}&limit=25&offset=0`,
    },
    {
      name: 'security GET /findings?severity=critical,high',
      path: () =>
        `/api/security/findings?severity=critical,high&${ACTIVE}&limit=25&offset=0`,
    },
    {
      name: 'security GET /findings?componentRef',
      path: i =>
        `/api/security/findings?${ACTIVE}&limit=20&offset=0&componentRef=${component(
          i,
        )}`,
    },
    {
      name: 'security GET /findings/:id',
      path: i => `/api/security/findings/${pick(seeded.findingIds, i)}`,
    },
    { name: 'security GET /stats', path: () => '/api/security/stats' },
    {
      name: 'security GET /stats?componentRef',
      path: i => `/api/security/stats?componentRef=${component(i)}`,
    },
    {
      name: 'security GET /trend?days=30',
      path: () => '/api/security/trend?days=30',
    },
    {
      name: 'security GET /reports/weekly',
      path: () => '/api/security/reports/weekly',
    },
    {
      name: 'security GET /runtime-events',
      path: () => '/api/security/runtime-events?limit=25&offset=0',
    },
    // Monitoring: the Alerts page (status, stats, open alerts), its severity filter, a component's
    // alerts, the sidebar's firing badge, one alert. Not measured: /rules, /metrics/red and /slo
    // ask Prometheus (none is configured here, and their time would be Prometheus's), /health
    // reads the prober's history, which the bench does not seed, and /silence-windows reads
    // maintenance windows, which it does not seed either.
    { name: 'monitoring GET /status', path: () => '/api/monitoring/status' },
    {
      name: 'monitoring GET /alerts',
      path: () =>
        '/api/monitoring/alerts?state=firing%2Cacknowledged&limit=25&offset=0',
    },
    {
      name: 'monitoring GET /alerts?severity=critical',
      path: () =>
        '/api/monitoring/alerts?state=firing%2Cacknowledged&severity=critical&limit=25&offset=0',
    },
    {
      name: 'monitoring GET /alerts?component',
      path: i =>
        `/api/monitoring/alerts?component=${component(i)}&limit=25&offset=0`,
    },
    {
      name: 'monitoring GET /alerts/:id',
      path: i => `/api/monitoring/alerts/${pick(seeded.alertIds, i)}`,
    },
    { name: 'monitoring GET /stats', path: () => '/api/monitoring/stats' },
    {
      name: 'monitoring GET /stats?component',
      path: i => `/api/monitoring/stats?component=${component(i)}`,
    },
    {
      name: 'monitoring GET /my-firing',
      path: () => '/api/monitoring/my-firing',
    },
  ];
}

interface Timing {
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  firstError?: string;
}

interface Result extends Timing {
  name: string;
  /** The reference, measured in the same window (its calls interleaved with the endpoint's). */
  reference: Timing;
  /** One-minute load average of the machine when the endpoint was measured. */
  load: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

class Sampler {
  readonly times: number[] = [];
  errors = 0;
  firstError?: string;

  async call(path: string, token: string) {
    const start = process.hrtime.bigint();
    const res = await fetch(`${BASE}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await res.text();
    this.times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!res.ok) {
      this.errors++;
      this.firstError ??= `${res.status} ${body.slice(0, 200)}`;
    }
  }

  timing(): Timing {
    const sorted = [...this.times].sort((x, y) => x - y);
    return {
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      p99: quantile(sorted, 0.99),
      errors: this.errors,
      firstError: this.firstError,
    };
  }
}

/**
 * The endpoint and the reference side by side: each client alternates one call of each, so
 * both see the same load of the machine (shared with others, it moves by the minute), and the
 * ratio compares what the endpoints cost rather than when they ran.
 */
async function measure(
  endpoint: Endpoint,
  reference: Endpoint,
  token: string,
): Promise<Result> {
  // Warm-up: the first calls pay for caches and JIT.
  const warmUp = new Sampler();
  for (let i = 0; i < Math.min(5, REQUESTS); i++) {
    await warmUp.call(endpoint.path(i), token);
    await warmUp.call(reference.path(i), token);
  }
  const own = new Sampler();
  const ref = new Sampler();
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (next < REQUESTS) {
        const i = next++;
        // Half the clients start with the reference, so neither always goes first.
        const order = client % 2 ? [ref, own] : [own, ref];
        for (const sampler of order) {
          await sampler.call(
            sampler === own ? endpoint.path(i) : reference.path(i),
            token,
          );
        }
      }
    }),
  );
  return {
    name: endpoint.name,
    ...own.timing(),
    reference: ref.timing(),
    load: os.loadavg()[0],
  };
}

function table(
  engine: string,
  results: Result[],
  loads: { start: number[]; end: number[] },
): string {
  const fmt = (l: number[]) => l.map(v => v.toFixed(2)).join(' ');
  const lines = [
    `Scale on ${engine}: ${SIZES.apis} APIs, ${SIZES.applications} applications, ${SIZES.subscriptions} subscriptions, ` +
      `${SIZES.keys} keys, ${SIZES.promotions} promotions, ${SIZES.tickets} tickets, ${SIZES.findings} findings, ` +
      `${SIZES.alerts} alerts, ${EVENTS} outbox rows per plugin; ` +
      `${CLIENTS} clients x ${REQUESTS} requests per endpoint, each interleaved with as many of the reference ` +
      `(catalog by-query limit=25); ${
        os.cpus().length
      } cores, load average (1/5/15 min) ${fmt(loads.start)} at start, ${fmt(
        loads.end,
      )} at end`,
    `| endpoint | p50 ms | p95 ms | p99 ms | reference p95 ms | p95 / reference | load | errors |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  for (const r of results) {
    const ratio = r.p95 / r.reference.p95;
    const errors = r.errors + r.reference.errors;
    const firstError = r.firstError ?? r.reference.firstError;
    lines.push(
      `| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(
        1,
      )} | ${r.p99.toFixed(1)} | ${r.reference.p95.toFixed(1)} | ` +
        `${ratio.toFixed(2)}${ratio > 1 ? ' ▲' : ''} | ${r.load.toFixed(
          1,
        )} | ${errors}${
          firstError ? ` (${firstError.replace(/\|/g, '/')})` : ''
        } |`,
    );
  }
  return lines.join('\n');
}

/**
 * The services read the bulk rows as their own: every seeded finding and alert is listed, and a
 * finding's page has its timeline and scans. Otherwise the bench would time empty lists.
 */
async function checkSeeded(
  engine: string,
  token: string,
  findingId: string,
  alertId: string,
) {
  const get = async (path: string) => {
    const res = await fetch(`${BASE}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const findings = (await get('/api/security/findings?limit=1')).totalCount;
  const finding = await get(`/api/security/findings/${findingId}`);
  const alerts = (await get('/api/monitoring/alerts?limit=1')).totalCount;
  const alert = await get(`/api/monitoring/alerts/${alertId}`);
  log(
    `${engine}: listed ${findings} findings and ${alerts} alerts; a finding's page has ${finding.timeline.length} ` +
      `timeline entries and ${finding.seenIn.length} scans, an alert reads ${alert.alertname} on ${alert.componentRef}`,
  );
  if (findings !== SIZES.findings || alerts !== SIZES.alerts) {
    throw new Error(
      `expected ${SIZES.findings} findings and ${SIZES.alerts} alerts listed, got ${findings} and ${alerts}`,
    );
  }
}

async function run(engine: Engine): Promise<string> {
  log(`${engine.name}: starting the backend`);
  const apisAfter = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-')),
    'signed-in',
  );
  const backend = startScaleBackend(engine, apisAfter);
  try {
    await until(
      'the backend',
      300_000,
      async () => (await fetch(`${BASE}/api/auth/demo-users`)).ok,
      backend,
    );
    // The portal admin signs in once the catalog has read the demo organisation.
    let token = '';
    await until(
      'the demo users in the catalog',
      1_800_000,
      async () => Boolean((token = await tokenFor('judy'))),
      backend,
    );
    fs.writeFileSync(apisAfter, 'go');
    log(
      `${engine.name}: waiting for the catalog to hold ${SIZES.apis} bench APIs`,
    );
    const started = Date.now();
    await until(
      'the catalog fixture',
      1_800_000,
      async () => {
        const res = await fetch(
          `${BASE}/api/catalog/entities/by-query?limit=1&filter=kind=api,metadata.tags=bench`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
        return (await res.json()).totalItems >= SIZES.apis;
      },
      backend,
    );
    log(
      `${engine.name}: catalog ready in ${(
        (Date.now() - started) /
        1000
      ).toFixed(0)} s; waiting for apim's API projection`,
    );
    // apim lists from its projection, synced from the catalog each minute: measure it full.
    await until(
      "apim's API projection",
      1_800_000,
      async () => {
        const res = await fetch(`${BASE}/api/apim/apis?limit=1&tag=bench`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return (await res.json()).totalCount >= SIZES.apis;
      },
      backend,
    );
    log(
      `${engine.name}: projection ready after ${(
        (Date.now() - started) /
        1000
      ).toFixed(0)} s; seeding the plugins' tables`,
    );
    const now = Date.now();
    const apim = engine.pluginDb('apim');
    const promotions = engine.pluginDb('promotions');
    const servicedesk = engine.pluginDb('servicedesk');
    const security = engine.pluginDb('security');
    const monitoring = engine.pluginDb('monitoring');
    const seedStart = Date.now();
    const { applicationIds, subscriptionIds } = await seedApim(
      apim,
      SIZES,
      now,
    );
    const { promotionIds } = await seedPromotions(promotions, SIZES, now);
    const { ticketIds, serviceSlugs } = await seedServicedesk(
      servicedesk,
      SIZES,
      now,
    );
    const { findingIds } = await seedSecurity(security, SIZES.findings, now);
    const { alertIds } = await seedMonitoring(monitoring, SIZES.alerts, now);
    const eventIds: Seeded['eventIds'] = [];
    for (const [plugin, db, topic] of [
      ['apim', apim, 'subscription-created'],
      ['promotions', promotions, 'promotion-requests'],
      ['servicedesk', servicedesk, 'servicedesk-requests'],
    ] as const) {
      for (const id of await seedOutbox(db, EVENTS, topic, now))
        eventIds.push({ plugin, id });
    }
    if (engine.name === 'PostgreSQL') {
      // What autovacuum does soon after a bulk load: statistics, and the visibility map that
      // lets counts read an index alone.
      for (const db of [apim, promotions, servicedesk, security, monitoring])
        await db.raw('vacuum analyze');
    }
    log(
      `${engine.name}: seeded in ${((Date.now() - seedStart) / 1000).toFixed(
        0,
      )} s; measuring`,
    );
    // Finding 66: an acknowledged Trivy vulnerability reported by three scans.
    await checkSeeded(
      engine.name,
      token,
      findingIds[66 % findingIds.length],
      alertIds[0],
    );
    const results: Result[] = [];
    const [reference, ...measured] = endpoints({
      applicationIds,
      subscriptionIds,
      promotionIds,
      ticketIds,
      serviceSlugs,
      eventIds,
      findingIds,
      alertIds,
    });
    const only = process.env.PORTICO_BENCH_ONLY;
    const loads = { start: os.loadavg(), end: [] as number[] };
    for (const endpoint of measured.filter(
      e => !only || e.name.includes(only),
    )) {
      // A fresh token per endpoint: a full run outlasts one token's hour.
      const result = await measure(
        endpoint,
        reference,
        await tokenFor(endpoint.user ?? 'judy'),
      );
      log(
        `${engine.name}: ${result.name} p95 ${result.p95.toFixed(
          1,
        )} ms, reference ${result.reference.p95.toFixed(1)} ms, ` +
          `ratio ${(result.p95 / result.reference.p95).toFixed(2)}${
            result.errors
              ? ` (${result.errors} errors: ${result.firstError})`
              : ''
          }`,
      );
      results.push(result);
    }
    loads.end = os.loadavg();
    return table(engine.name, results, loads);
  } finally {
    await stopBackend(backend);
    await engine.cleanUp();
  }
}

async function main() {
  const tables: string[] = [];
  for (const name of ENGINES) {
    const engine =
      name === 'pg' ? await postgresEngine(PG_PREFIX) : await sqliteEngine();
    tables.push(await run(engine));
  }
  // eslint-disable-next-line no-console
  console.log(tables.join('\n\n'));
}

main().catch(error => {
  // eslint-disable-next-line no-console
  const text = String(error?.stack ?? error);
  console.error(
    text.length > 2000
      ? `${text.slice(0, 500)} ... ${text.slice(-1500)}`
      : text,
  );
  process.exit(1);
});
