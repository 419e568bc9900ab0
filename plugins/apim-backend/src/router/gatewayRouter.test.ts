import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  ApimTestBackend,
  auth,
  createApplication,
  startApimTestBackend,
  uniqueName,
} from '../__testUtils__/apimTestBackend';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();
const GATEWAY = mockCredentials.service.header();

describe.each(databases.eachSupportedId())('apim routes: gateway on %p', databaseId => {
  let backend: ApimTestBackend;
  beforeAll(async () => {
    backend = await startApimTestBackend(databases, databaseId, {
      // mockCredentials.service is `external:test-service`.
      config: { apim: { gateway: { allowedSubjects: ['external:test-service'] } } },
    });
  });
  afterAll(() => backend.stop());

  const api = () => request(backend.server);

  /** An application of alice's on the free plan of payments-api in sandbox, and its key. */
  async function keyOnFreePlan() {
    const app = await createApplication(backend.server, 'alice', {
      name: uniqueName('gw'),
      owner: 'devops-acme',
      environments: ['sandbox'],
    });
    await api()
      .post('/api/apim/subscriptions')
      .set('Authorization', auth('alice'))
      .send({ applicationId: app.id, apiRef: 'payments-api', plan: 'free', environment: 'sandbox' })
      .expect(201);
    const key = await api()
      .post(`/api/apim/applications/${app.id}/keys`)
      .set('Authorization', auth('alice'))
      .send({ environment: 'sandbox' })
      .expect(201);
    return { app, secret: key.body.secret as string, keyId: key.body.key.id as string };
  }

  const authorize = (headers: Record<string, string>, authorization = GATEWAY) =>
    api().get('/api/apim/gateway/authorize').set('Authorization', authorization).set(headers);

  it('lets a subscribed key through with its application, plan and rate zone', async () => {
    const { app, secret } = await keyOnFreePlan();
    const res = await authorize({
      'X-Portico-Api': 'api:default/payments-api',
      'X-Portico-Environment': 'sandbox',
      'X-Portico-Key': secret,
    });
    expect(res.status).toBe(204);
    expect(res.headers['x-portico-application']).toBe(app.id);
    expect(res.headers['x-portico-plan']).toBe('free');
    expect(res.headers['x-portico-rate']).toBe('portico_rate_10r_s');
  });

  it('answers 401 without a key or with a wrong one, 403 for an API the key is not subscribed to', async () => {
    const { secret } = await keyOnFreePlan();
    const base = { 'X-Portico-Api': 'api:default/payments-api', 'X-Portico-Environment': 'sandbox' };
    expect((await authorize(base)).status).toBe(401);
    expect((await authorize({ ...base, 'X-Portico-Key': `${secret.slice(0, -1)}x` })).status).toBe(401);
    const other = await authorize({ ...base, 'X-Portico-Api': 'api:default/customers-api', 'X-Portico-Key': secret });
    expect(other.status).toBe(403);
    expect(other.headers['x-portico-reason']).toBe('not-subscribed');
    // The key's environment is part of the key: a sandbox key is nothing in production.
    expect((await authorize({ ...base, 'X-Portico-Environment': 'production', 'X-Portico-Key': secret })).status).toBe(401);
  });

  it('stops a revoked key', async () => {
    const { secret, keyId } = await keyOnFreePlan();
    const headers = { 'X-Portico-Api': 'api:default/payments-api', 'X-Portico-Environment': 'sandbox', 'X-Portico-Key': secret };
    expect((await authorize(headers)).status).toBe(204);
    await api().post(`/api/apim/keys/${keyId}/revoke`).set('Authorization', auth('alice')).expect(200);
    expect((await authorize(headers)).status).toBe(401);
  });

  it('refuses users and services not named in apim.gateway.allowedSubjects, and says which header is wrong', async () => {
    expect((await authorize({}, auth('judy'))).status).toBe(403);
    const bad = await authorize({ 'X-Portico-Api': 'api:default/payments-api', 'X-Portico-Environment': 'moon' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^X-Portico-Environment: /);
  });

  it('counts shipped usage once per batch, answers the quota with 429-able 403s, and shows usage to the owners only', async () => {
    const { app, secret } = await keyOnFreePlan();
    const now = new Date().toISOString();
    const line = (status: number, requestTime = 0.02) => ({
      time: now,
      application: app.id,
      api: 'api:default/payments-api',
      environment: 'sandbox',
      plan: 'free',
      status,
      requestTime,
    });
    const lines = [
      ...Array.from({ length: 9_996 }, () => line(200)),
      line(404),
      line(502, 1.2),
      line(429),
      // A refused request belongs to no application: not counted.
      { ...line(401), application: '' },
    ];
    const ship = () =>
      api().post('/api/apim/gateway/usage').set('Authorization', GATEWAY).send({ batchId: `batch-${app.id}`, lines });
    expect((await ship()).body).toEqual({ counted: 9_999, duplicate: false });
    expect((await ship()).body).toEqual({ counted: 0, duplicate: true });

    const headers = { 'X-Portico-Api': 'api:default/payments-api', 'X-Portico-Environment': 'sandbox', 'X-Portico-Key': secret };
    expect((await authorize(headers)).status).toBe(204);
    // One more request reaches the free plan's 10,000 a month.
    await api()
      .post('/api/apim/gateway/usage')
      .set('Authorization', GATEWAY)
      .send({ batchId: `more-${app.id}`, lines: [line(200)] })
      .expect(200);
    const exhausted = await authorize(headers);
    expect(exhausted.status).toBe(403);
    expect(exhausted.headers['x-portico-reason']).toBe('quota');
    expect(Number(exhausted.headers['x-portico-retry-after'])).toBeGreaterThan(0);

    const usage = await api().get(`/api/apim/applications/${app.id}/usage?days=7`).set('Authorization', auth('alice'));
    expect(usage.status).toBe(200);
    expect(usage.body.days).toEqual([
      expect.objectContaining({
        applicationId: app.id,
        apiRef: 'api:default/payments-api',
        environment: 'sandbox',
        requests: 10_000,
        status4xx: 1,
        status5xx: 1,
        rateLimited: 1,
        p95Ms: 25,
      }),
    ]);
    const csv = await api().get(`/api/apim/applications/${app.id}/usage?format=csv`).set('Authorization', auth('alice'));
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('day,applicationId,apiRef,environment,requests,status4xx,status5xx,rateLimited,p95Ms');
    expect(csv.text).toContain(`${app.id},api:default/payments-api,sandbox,10000,1,1,1,25`);
    // dave is not in alice's owner group.
    expect((await api().get(`/api/apim/applications/${app.id}/usage`).set('Authorization', auth('dave'))).status).toBe(403);
  });

  it("shows an API's usage per application to its owners and admins only, as JSON and CSV", async () => {
    const { app } = await keyOnFreePlan();
    const time = new Date().toISOString();
    await api()
      .post('/api/apim/gateway/usage')
      .set('Authorization', GATEWAY)
      .send({
        batchId: `api-usage-${app.id}`,
        lines: [200, 200, 404, 503].map(status => ({
          time,
          application: app.id,
          api: 'api:default/payments-api',
          environment: 'sandbox',
          status,
          requestTime: 0.004,
        })),
      })
      .expect(200);

    // alice and judy: an owner of payments-api (payments-team) and a portal admin.
    for (const user of ['alice', 'judy']) {
      const res = await api().get('/api/apim/apis/default/payments-api/usage?days=7').set('Authorization', auth(user));
      expect(res.status).toBe(200);
      expect(res.body.applications).toContainEqual({ id: app.id, name: app.name });
      expect(res.body.days.filter((d: { applicationId: string }) => d.applicationId === app.id)).toEqual([
        expect.objectContaining({ requests: 4, status4xx: 1, status5xx: 1, p95Ms: 5, environment: 'sandbox' }),
      ]);
    }
    const csv = await api().get('/api/apim/apis/default/payments-api/usage?format=csv').set('Authorization', auth('alice'));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="payments-api-usage.csv"');
    expect(csv.text.split('\n')[0]).toBe(
      'day,applicationId,applicationName,apiRef,environment,requests,status4xx,status5xx,rateLimited,p95Ms',
    );
    expect(csv.text).toContain(`${app.id},${app.name},api:default/payments-api,sandbox,4,1,1,0,5`);

    // carol owns the application (devops-acme), not the API; dave neither.
    for (const user of ['carol', 'dave']) {
      const res = await api().get('/api/apim/apis/default/payments-api/usage').set('Authorization', auth(user));
      expect(res.status).toBe(403);
    }
    expect(
      (await api().get('/api/apim/apis/default/payments-api/usage').set('Authorization', mockCredentials.none.header())).status,
    ).toBe(401);
    expect((await api().get('/api/apim/apis/default/nope-api/usage').set('Authorization', auth('judy'))).status).toBe(404);
    const bad = await api().get('/api/apim/apis/default/payments-api/usage?days=400').set('Authorization', auth('alice'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^days: /);
  });

  it('writes nothing for a malformed batch and names the field', async () => {
    const res = await api()
      .post('/api/apim/gateway/usage')
      .set('Authorization', GATEWAY)
      .send({ batchId: 'malformed-1', lines: [{ time: 'x', application: 'a', api: 'b', environment: 'sandbox', status: 'ok' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^lines\.0\.status: /);
    expect(await backend.knex('apim_gateway_usage_batches').where({ batch_id: 'malformed-1' })).toHaveLength(0);
  });
});
