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
import { seedSecurity } from './scale/seedSecurity';
import { endpoints } from './scale/endpoints';
import { measure, Result, table } from './scale/measure';
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
    } else {
      // What the plugins' hourly statistics task does on SQLite (scheduleSqliteStatistics): the
      // bench's rows arrive after the backend started, so it runs here rather than an hour on.
      for (const db of [apim, promotions, servicedesk, security, monitoring])
        await db.raw('analyze');
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
    const [reference, ...measured] = endpoints(
      {
        applicationIds,
        subscriptionIds,
        promotionIds,
        ticketIds,
        serviceSlugs,
        eventIds,
        findingIds,
        alertIds,
      },
      SIZES,
    );
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
        { base: BASE, requests: REQUESTS, clients: CLIENTS },
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
    const header =
      `Scale on ${engine.name}: ${SIZES.apis} APIs, ${SIZES.applications} applications, ${SIZES.subscriptions} subscriptions, ` +
      `${SIZES.keys} keys, ${SIZES.promotions} promotions, ${SIZES.tickets} tickets, ${SIZES.findings} findings, ` +
      `${SIZES.alerts} alerts, ${EVENTS} outbox rows per plugin; ` +
      `${CLIENTS} clients x ${REQUESTS} requests per endpoint, each interleaved with as many of the reference ` +
      `(catalog by-query limit=25)`;
    return table(header, results, loads);
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
