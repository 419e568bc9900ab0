import request from 'supertest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  ALERTMANAGER,
  auth,
  MonitoringTestBackend,
  startMonitoringTestBackend,
  webhook,
  WEBHOOK_TOKEN,
} from '../__testUtils__/monitoringTestBackend';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => msw.close());

const PGW = { alertname: 'HighErrorRate', severity: 'critical', app: 'pgw', env: 'prod' };
const CHECKOUT = { alertname: 'HighLatency', severity: 'warning', service: 'checkout' };

/** Alertmanager API v2 silences at the network boundary. */
class FakeAlertmanager {
  readonly silences = new Map<string, any>();
  readonly deleted: string[] = [];
  down = false;
  /** What GET /api/v2/alerts answers: the alerts Alertmanager still holds. */
  held: Array<{ fingerprint: string; startsAt: string }> = [];
  install() {
    msw.use(
      http.get(`${ALERTMANAGER}/api/v2/alerts`, () => HttpResponse.json(this.held)),
      http.post(`${ALERTMANAGER}/api/v2/silences`, async ({ request: req }) => {
        if (this.down) return new HttpResponse('down', { status: 503 });
        const id = `silence-${this.silences.size + 1}`;
        this.silences.set(id, await req.json());
        return HttpResponse.json({ silenceID: id });
      }),
      http.delete(`${ALERTMANAGER}/api/v2/silence/:id`, ({ params }) => {
        this.deleted.push(String(params.id));
        return new HttpResponse(null, { status: 200 });
      }),
    );
  }
}

describe.each(databases.eachSupportedId())('monitoring on %p', databaseId => {
  let backend: MonitoringTestBackend;
  let am: FakeAlertmanager;

  beforeEach(async () => {
    backend = await startMonitoringTestBackend(databases, databaseId);
    am = new FakeAlertmanager();
    am.install();
  });
  afterEach(async () => {
    msw.resetHandlers();
    await backend.stop();
  });

  const post = (body: unknown, token: string | null = WEBHOOK_TOKEN) => {
    const r = request(backend.server).post('/api/monitoring/alertmanager');
    return (token === null ? r : r.set('Authorization', `Bearer ${token}`)).send(body as object);
  };
  const as = (name: string) => ({
    get: (path: string) => request(backend.server).get(`/api/monitoring${path}`).set('Authorization', auth(name)),
    post: (path: string, body?: object) =>
      request(backend.server).post(`/api/monitoring${path}`).set('Authorization', auth(name)).send(body ?? {}),
    delete: (path: string) => request(backend.server).delete(`/api/monitoring${path}`).set('Authorization', auth(name)),
  });
  const events = async () =>
    (await backend.knex('portico_outbox').orderBy('seq')).map((row: any) => `${row.type}`);

  it('refuses webhooks without the bearer token, and with a wrong one', async () => {
    expect((await post(webhook([{ labels: PGW, fingerprint: 'a1' }]), null)).status).toBe(401);
    expect((await post(webhook([{ labels: PGW, fingerprint: 'a1' }]), 'wrong')).status).toBe(401);
    expect(await backend.knex('monitoring_alerts')).toEqual([]);
  });

  it('ingests an Alertmanager webhook once, maps components by label and by selector, routes by severity', async () => {
    const body = webhook([
      { labels: PGW, fingerprint: 'a1' },
      { labels: CHECKOUT, fingerprint: 'b2' },
    ]);
    const first = await post(body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 2, created: 2 });
    const again = await post(body);
    expect(again.body).toMatchObject({ created: 0, unchanged: 2 });

    const list = await as('alice').get('/alerts?state=firing');
    expect(list.status).toBe(200);
    expect(list.body.totalCount).toBe(2);
    const byName = Object.fromEntries(list.body.items.map((a: any) => [a.alertname, a]));
    expect(byName.HighErrorRate).toMatchObject({
      componentRef: 'component:default/payments-gateway',
      ownerRef: 'group:default/payments-team',
      severity: 'critical',
      state: 'firing',
    });
    expect(byName.HighLatency).toMatchObject({ componentRef: 'component:default/checkout', ownerRef: 'group:default/web-team' });
    expect(await events()).toEqual(['alert-firing', 'alert-firing']);

    await backend.trigger('notices');
    const notices = backend.sent.map(n => [n.recipients, n.payload.severity]);
    expect(notices).toEqual(
      expect.arrayContaining([
        [expect.objectContaining({ entityRef: ['group:default/payments-team'] }), 'critical'],
        [expect.objectContaining({ entityRef: ['group:default/web-team'] }), 'high'],
      ]),
    );
    expect(backend.sent).toHaveLength(2);
  });

  it('maps an alert that arrived before its component was in the projection once the sync brings it', async () => {
    await backend.knex('monitoring_components').delete();
    await post(webhook([{ labels: CHECKOUT, fingerprint: 'b2' }]));
    expect((await as('bob').get('/alerts')).body.items[0].componentRef).toBeUndefined();
    await backend.trigger('catalogSync');
    await new Promise(r => setTimeout(r, 200));
    expect((await as('bob').get('/alerts')).body.items[0]).toMatchObject({
      componentRef: 'component:default/checkout',
      ownerRef: 'group:default/web-team',
    });
  });

  it('answers 400 naming the bad field, and writes nothing', async () => {
    const body = webhook([{ labels: PGW, fingerprint: 'a1' }, { labels: CHECKOUT, fingerprint: '' }]);
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^alerts\.1\.fingerprint/);
    const missingVersion = await post({ ...webhook([{ labels: PGW, fingerprint: 'a1' }]), version: '3' });
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.body.error.message).toMatch(/^version/);
    expect(await backend.knex('monitoring_alerts')).toEqual([]);
  });

  it('answers 503 when the write fails, so Alertmanager retries', async () => {
    await backend.knex.schema.renameTable('monitoring_alerts', 'monitoring_alerts_away');
    try {
      const res = await post(webhook([{ labels: PGW, fingerprint: 'a1' }]));
      expect(res.status).toBe(503);
    } finally {
      await backend.knex.schema.renameTable('monitoring_alerts_away', 'monitoring_alerts');
    }
  });

  it('closes on resolve, keeps a resolved-before-firing occurrence closed, and counts a re-fire as a new occurrence', async () => {
    await post(webhook([{ labels: PGW, fingerprint: 'a1' }]));
    await post(webhook([{ status: 'resolved', labels: PGW, fingerprint: 'a1', endsAt: '2026-12-01T09:10:00Z' }]));
    // Out of order: the resolve of an occurrence arrives before its firing.
    await post(webhook([{ status: 'resolved', labels: CHECKOUT, fingerprint: 'b2', startsAt: '2026-12-01T08:00:00Z', endsAt: '2026-12-01T08:30:00Z' }]));
    await post(webhook([{ labels: CHECKOUT, fingerprint: 'b2', startsAt: '2026-12-01T08:00:00Z' }]));
    // Fires again after the resolve: a new startsAt.
    await post(webhook([{ labels: PGW, fingerprint: 'a1', startsAt: '2026-12-01T09:30:00Z' }]));

    const all = (await as('grace').get('/alerts?limit=10')).body.items;
    expect(all.map((a: any) => `${a.fingerprint} ${a.state} ${a.startsAt}`).sort()).toEqual([
      'a1 firing 2026-12-01T09:30:00.000Z',
      'a1 resolved 2026-12-01T08:55:00.000Z',
      'b2 resolved 2026-12-01T08:00:00.000Z',
    ]);
    expect(await events()).toEqual(['alert-firing', 'alert-resolved', 'alert-resolved', 'alert-firing']);
    const stats = (await as('grace').get('/stats')).body;
    expect(stats.byState).toEqual({ firing: 1, acknowledged: 0, resolved: 2 });
    expect(stats.bySeverity.critical).toBe(1);
    // MTTR over 7 days: (09:10 - 08:55) and (08:30 - 08:00) → mean 22.5 min.
    expect(stats.mttr.days7).toBe(22.5 * 60_000);
    // The sidebar badge: firing alerts of the caller's teams' components only.
    expect((await as('alice').get('/my-firing')).body).toEqual({ firing: 1 });
    expect((await as('bob').get('/my-firing')).body).toEqual({ firing: 0 });
    await post(webhook([{ labels: CHECKOUT, fingerprint: 'b3', startsAt: '2026-12-01T09:40:00Z' }]));
    expect((await as('bob').get('/my-firing')).body).toEqual({ firing: 1 });
    expect((await as('mallory').get('/my-firing')).status).toBe(403);
  });

  it('ingests a webhook of many alerts and reports the truncated ones', async () => {
    const alerts = Array.from({ length: 150 }, (_, i) => ({ labels: { ...CHECKOUT, instance: `i${i}` }, fingerprint: `f${i}` }));
    const res = await post(webhook(alerts, { truncatedAlerts: 12 }));
    expect(res.body).toMatchObject({ received: 150, created: 150, truncated: 12 });
    const page = await as('bob').get('/alerts?limit=100&offset=100');
    expect(page.body).toMatchObject({ totalCount: 150, limit: 100, offset: 100 });
    expect(page.body.items).toHaveLength(50);
    expect((await as('bob').get('/alerts?limit=101')).status).toBe(400);
    const search = await as('bob').get('/alerts?q=instance%3Di14');
    expect(search.body.items.map((a: any) => a.labels.instance).sort()).toEqual(['i14', 'i140', 'i141', 'i142', 'i143', 'i144', 'i145', 'i146', 'i147', 'i148', 'i149']);
  });

  it('does not notify the same fingerprint again within the repeat interval', async () => {
    await post(webhook([{ labels: PGW, fingerprint: 'a1' }]));
    await post(webhook([{ status: 'resolved', labels: PGW, fingerprint: 'a1' }]));
    await post(webhook([{ labels: PGW, fingerprint: 'a1', startsAt: '2026-12-01T08:58:00Z' }]));
    backend.clock.advance(61 * 60_000);
    await post(webhook([{ labels: PGW, fingerprint: 'a1', startsAt: '2026-12-01T10:00:00Z' }]));
    await backend.trigger('notices');
    expect(backend.sent).toHaveLength(2);
  });

  it('acknowledges with a silence, un-acknowledges (silence deleted); only sre and the owner team may', async () => {
    await post(webhook([{ labels: PGW, fingerprint: 'a1' }]));
    const [alert] = (await as('alice').get('/alerts')).body.items;

    expect((await as('mallory').post(`/alerts/${alert.id}/ack`, { comment: 'mine' })).status).toBe(403);
    expect((await as('bob').post(`/alerts/${alert.id}/ack`, { comment: 'not my team' })).status).toBe(403);
    expect((await as('alice').post(`/alerts/${alert.id}/ack`, { comment: '' })).body.error.message).toMatch(/^comment/);
    expect((await request(backend.server).post(`/api/monitoring/alerts/${alert.id}/ack`).set('Authorization', mockCredentials.none.header()).send({ comment: 'x' })).status).toBe(401);

    const ack = await as('grace').post(`/alerts/${alert.id}/ack`, { comment: 'Looking into it', expiresInMinutes: 30 });
    expect(ack.status).toBe(201);
    expect(ack.body).toMatchObject({
      state: 'acknowledged',
      ack: { by: 'user:default/grace', comment: 'Looking into it', expiresAt: '2026-12-01T09:30:00.000Z', silenceId: 'silence-1' },
    });
    expect(am.silences.get('silence-1')).toMatchObject({
      createdBy: 'user:default/grace',
      endsAt: '2026-12-01T09:30:00.000Z',
      matchers: expect.arrayContaining([{ name: 'app', value: 'pgw', isRegex: false, isEqual: true }]),
    });
    expect((await as('alice').post(`/alerts/${alert.id}/ack`, { comment: 'again' })).status).toBe(409);

    const unack = await as('alice').delete(`/alerts/${alert.id}/ack`);
    expect(unack.status).toBe(200);
    expect(unack.body.state).toBe('firing');
    expect(am.deleted).toEqual(['silence-1']);
    expect(await events()).toEqual(['alert-firing', 'alert-acknowledged', 'alert-unacknowledged']);
    const stats = (await as('grace').get('/stats')).body;
    expect(stats.mtta.days7).toBe(5 * 60_000);
  });

  it('writes no ack when Alertmanager refuses the silence', async () => {
    await post(webhook([{ labels: PGW, fingerprint: 'a1' }]));
    const [alert] = (await as('grace').get('/alerts')).body.items;
    am.down = true;
    expect((await as('grace').post(`/alerts/${alert.id}/ack`, { comment: 'x' })).status).toBe(503);
    expect(await backend.knex('monitoring_acks')).toEqual([]);
    expect((await as('grace').get(`/alerts/${alert.id}`)).body.state).toBe('firing');
  });

  it('ends the ack and deletes the silence when the alert resolves or the ack expires', async () => {
    await post(webhook([
      { labels: PGW, fingerprint: 'a1' },
      { labels: CHECKOUT, fingerprint: 'b2' },
    ]));
    const items = (await as('grace').get('/alerts')).body.items;
    const pgw = items.find((a: any) => a.fingerprint === 'a1');
    const checkout = items.find((a: any) => a.fingerprint === 'b2');
    await as('grace').post(`/alerts/${pgw.id}/ack`, { comment: 'on it', expiresInMinutes: 60 });
    await as('bob').post(`/alerts/${checkout.id}/ack`, { comment: 'on it', expiresInMinutes: 10 });

    await post(webhook([{ status: 'resolved', labels: PGW, fingerprint: 'a1' }]));
    await new Promise(r => setTimeout(r, 100));
    expect(am.deleted).toContain('silence-1');
    expect((await as('grace').get(`/alerts/${pgw.id}`)).body).toMatchObject({ state: 'resolved' });
    expect((await as('grace').get(`/alerts/${pgw.id}`)).body.ack).toBeUndefined();

    backend.clock.advance(11 * 60_000);
    await backend.trigger('ackExpiry');
    expect((await as('grace').get(`/alerts/${checkout.id}`)).body.state).toBe('firing');
    expect(am.deleted).toEqual(['silence-1', 'silence-2']);
  });

  it('resolves an acknowledged alert that Alertmanager no longer holds (its resolve was muted by the silence)', async () => {
    await post(webhook([{ labels: PGW, fingerprint: 'a1' }, { labels: CHECKOUT, fingerprint: 'b2' }]));
    const items = (await as('grace').get('/alerts')).body.items;
    const silenceOf: Record<string, string> = {};
    for (const alert of items) {
      silenceOf[alert.fingerprint] = (await as('grace').post(`/alerts/${alert.id}/ack`, { comment: 'on it' })).body.ack.silenceId;
    }
    am.held = [{ fingerprint: 'b2', startsAt: '2026-12-01T08:55:00.000Z' }];
    await backend.trigger('silencedResolves');
    const states = Object.fromEntries(
      (await as('grace').get('/alerts?limit=10')).body.items.map((a: any) => [a.fingerprint, a.state]),
    );
    expect(states).toEqual({ a1: 'resolved', b2: 'acknowledged' });
    await new Promise(r => setTimeout(r, 100));
    expect(am.deleted).toEqual([silenceOf.a1]);
  });

  it('requires sign-in and the read permission for lists (401), and a uuid for ids (400)', async () => {
    expect((await request(backend.server).get('/api/monitoring/alerts').set('Authorization', mockCredentials.none.header())).status).toBe(401);
    expect((await as('alice').get('/alerts/not-a-uuid')).status).toBe(400);
    expect((await as('alice').get('/alerts?severity=urgent')).body.error.message).toMatch(/^severity/);
  });
});

describe('monitoring webhook switched off', () => {
  it('answers 404 while monitoring.alertmanager.webhookToken is unset', async () => {
    const [[id]] = databases.eachSupportedId();
    const backend = await startMonitoringTestBackend(databases, id, { alertmanager: {} });
    try {
      const res = await request(backend.server)
        .post('/api/monitoring/alertmanager')
        .set('Authorization', 'Bearer anything')
        .send(webhook([{ labels: PGW, fingerprint: 'a1' }]));
      expect(res.status).toBe(404);
    } finally {
      await backend.stop();
    }
  });
});
