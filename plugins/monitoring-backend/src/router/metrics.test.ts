import request from 'supertest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockServices } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { auth, MonitoringTestBackend, startMonitoringTestBackend, webhook, WEBHOOK_TOKEN } from '../__testUtils__/monitoringTestBackend';
import { KnexMonitoringDatabase } from '../database/KnexMonitoringDatabase';
import { KnexDeploymentStore } from '../database/KnexWindowAndDeploymentStores';
import { HealthProber } from '../service/HealthProber';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => msw.close());

const PROMETHEUS = 'http://prometheus.test:9090';

describe.each(databases.eachSupportedId())('monitoring metrics on %p', databaseId => {
  let backend: MonitoringTestBackend;
  const queries: string[] = [];

  beforeEach(async () => {
    queries.length = 0;
    backend = await startMonitoringTestBackend(databases, databaseId, { prometheus: { baseUrl: PROMETHEUS } });
    msw.use(
      http.get(`${PROMETHEUS}/api/v1/query_range`, ({ request: req }) => {
        queries.push(new URL(req.url).searchParams.get('query')!);
        return HttpResponse.json({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[1000, '0.5'], [1030, 'NaN']] }] } });
      }),
      http.get(`${PROMETHEUS}/api/v1/query`, ({ request: req }) => {
        const q = new URL(req.url).searchParams.get('query')!;
        queries.push(q);
        // 30 d error ratio 0.2 % against a 0.1 % allowance: the budget is spent twice over.
        return HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, q.includes('[30d]') ? '0.002' : '0.0005'] }] } });
      }),
      http.get(`${PROMETHEUS}/api/v1/rules`, () =>
        HttpResponse.json({
          status: 'success',
          data: {
            groups: [{
              name: 'performance', file: 'portico.yml',
              rules: [{
                type: 'alerting', name: 'HighErrorRate', query: 'x > 0.05', health: 'ok', state: 'firing',
                lastEvaluation: '2026-12-01T08:59:00Z', labels: { severity: 'critical' },
                alerts: [{ labels: { alertname: 'HighErrorRate', app: 'pgw', env: 'prod' }, state: 'firing' }],
              }],
            }],
          },
        }),
      ),
    );
  });
  afterEach(async () => {
    msw.resetHandlers();
    await backend.stop();
  });

  const get = (path: string, who = 'alice') =>
    request(backend.server).get(`/api/monitoring${path}`).set('Authorization', auth(who));

  it('builds RED PromQL from the component selector, never from the request', async () => {
    const res = await get('/metrics/red?entityRef=component:default/payments-gateway&range=1h');
    expect(res.status).toBe(200);
    expect(res.body.selector).toBe('{app="pgw",env=~"prod|staging"}');
    expect(res.body.series.find((s: any) => s.name === 'rate').points).toEqual([[1000, 0.5]]);
    expect(queries).toContain('sum(rate(http_requests_total{app="pgw",env=~"prod|staging"}[5m]))');
    expect(res.body.deployments).toEqual([]);
    expect((await get('/metrics/red?entityRef=component:default/payments-gateway&range=1y')).status).toBe(400);
    expect((await get('/metrics/red?entityRef=component:default/nope')).status).toBe(404);
  });

  it('marks the deployments of the component within the range on the RED metrics', async () => {
    const deployments = new KnexDeploymentStore(backend.knex);
    const base = { componentRef: 'component:default/payments-gateway', environment: 'PROD', requestId: 'r1', outcome: 'succeeded' as const };
    await deployments.insert({ ...base, eventId: '00000000-0000-4000-8000-0000000000d1', version: '2.0.0', at: backend.clock.now() - 30 * 60_000 });
    await deployments.insert({ ...base, eventId: '00000000-0000-4000-8000-0000000000d2', version: '1.9.0', at: backend.clock.now() - 3 * 3600_000 });
    await deployments.insert({ ...base, eventId: '00000000-0000-4000-8000-0000000000d3', componentRef: 'component:default/checkout', version: '7', at: backend.clock.now() - 60_000 });
    const hour = await get('/metrics/red?entityRef=component:default/payments-gateway&range=1h');
    expect(hour.body.deployments).toEqual([
      { at: '2026-12-01T08:30:00.000Z', version: '2.0.0', environment: 'PROD', outcome: 'succeeded', requestId: 'r1' },
    ]);
    const sixHours = await get('/metrics/red?entityRef=component:default/payments-gateway&range=6h');
    expect(sixHours.body.deployments.map((d: any) => d.version)).toEqual(['1.9.0', '2.0.0']);
  });

  it('lists Prometheus alerting rules with the components their alerts concern', async () => {
    const res = await get('/rules');
    expect(res.body).toEqual({
      configured: true,
      rules: [expect.objectContaining({ name: 'HighErrorRate', severity: 'critical', components: ['component:default/payments-gateway'], activeAlerts: 1 })],
    });
  });

  it('fails the promotion gate while a critical alert fires', async () => {
    expect((await get('/gate?entityRef=component:default/checkout')).body).toMatchObject({ status: 'passed', criticalFiring: 0 });
    await request(backend.server)
      .post('/api/monitoring/alertmanager')
      .set('Authorization', `Bearer ${WEBHOOK_TOKEN}`)
      .send(webhook([{ labels: { alertname: 'Down', severity: 'critical', service: 'checkout' }, fingerprint: 'c1' }]));
    expect((await get('/gate?entityRef=component:default/checkout')).body).toMatchObject({ status: 'failed', criticalFiring: 1 });
  });
});

describe.each(databases.eachSupportedId())('HealthProber on %p', databaseId => {
  it('records checks, raises HealthCheckDown after N failures through ingest, resolves on recovery', async () => {
    const knex = await databases.init(databaseId);
    const db = await KnexMonitoringDatabase.create({ knex });
    await db.components.upsert({ entityRef: 'component:default/a', name: 'a', healthUrl: 'https://a.example/health', hash: 'h' }, 1);
    let now = Date.parse('2026-12-01T00:00:00Z');
    let status = 500;
    const ingested: any[] = [];
    const prober = new HealthProber({
      db,
      policy: { request: async () => ({ status, statusText: '', headers: {}, body: Buffer.from(''), truncated: false, durationMs: 12 }) },
      ingest: { ingest: async (alerts: any[]) => { ingested.push(...alerts); return {} as any; } } as any,
      clock: { now: () => now },
      logger: mockServices.logger.mock(),
      timeoutMs: 1000,
      concurrency: 2,
      downAfterChecks: 3,
      retentionDays: 30,
    });
    for (let i = 0; i < 4; i++) {
      await prober.run();
      now += 60_000;
    }
    status = 200;
    await prober.run();
    await prober.run();
    expect(ingested.map(a => `${a.status} ${a.startsAt}`)).toEqual([
      `firing ${Date.parse('2026-12-01T00:00:00Z')}`,
      `firing ${Date.parse('2026-12-01T00:00:00Z')}`,
      `resolved ${Date.parse('2026-12-01T00:00:00Z')}`,
    ]);
    expect(ingested[0].labels).toMatchObject({ alertname: 'HealthCheckDown', portico_component: 'component:default/a' });
    const summary = await prober.summary('component:default/a');
    expect(summary.lastCheck).toMatchObject({ up: true, latencyMs: 12 });
    expect(summary.uptime.hours24).toBeCloseTo(2 / 6);
  });
});
