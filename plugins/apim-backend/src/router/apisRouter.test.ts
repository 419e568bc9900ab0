import request from 'supertest';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  ApimTestBackend,
  auth,
  createApplication,
  uniqueName,
} from '../__testUtils__/apimTestBackend';
import { startApimTestBackend } from '../__testUtils__/apimTestBackend';
import { APIM_TASKS } from '../plugin';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())('apim routes: APIs on %p', databaseId => {
  let backend: ApimTestBackend;
  beforeAll(async () => {
    backend = await startApimTestBackend(databases, databaseId);
  });
  afterAll(() => backend.stop());

  const get = (path: string, user = 'carol') =>
    request(backend.server).get(`/api/apim${path}`).set('Authorization', auth(user));

  it('lists the catalog APIs with version, environments, plans and subscribers', async () => {
    const app = await createApplication(backend.server, 'alice', {
      name: uniqueName('shop'),
      owner: 'devops-acme',
      environments: ['sandbox'],
    });
    await request(backend.server)
      .post('/api/apim/subscriptions')
      .set('Authorization', auth('alice'))
      .send({ applicationId: app.id, apiRef: 'payments-api', plan: 'free', environment: 'sandbox' })
      .expect(201);

    const res = await get('/apis');
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(3);
    expect(res.body.items.map((a: any) => a.ref)).toEqual([
      'api:default/broken-api',
      'api:default/customers-api',
      'api:default/payments-api',
    ]);
    const payments = res.body.items[2];
    expect(payments).toEqual({
      ref: 'api:default/payments-api',
      name: 'payments-api',
      title: 'Payments API',
      description: 'Create, capture and cancel card payments.',
      owner: 'group:default/payments-team',
      system: 'system:default/payments',
      lifecycle: 'production',
      type: 'openapi',
      tags: ['acme', 'payments'],
      version: '1.4.0',
      environments: ['sandbox', 'staging', 'production'],
      plans: [
        expect.objectContaining({ name: 'free', approval: 'auto', rateLimit: { requests: 10, per: 'second' } }),
        expect.objectContaining({ name: 'gold', approval: 'manual' }),
      ],
      subscriberCount: 1,
    });
  });

  it('filters by owner, system, lifecycle, type, tag and searches name, title and description', async () => {
    const refs = async (query: string) => (await get(`/apis?${query}`)).body.items.map((a: any) => a.name);
    expect(await refs('owner=payments-team')).toEqual(['payments-api']);
    expect(await refs('owner=group:default/commerce-team')).toEqual(['broken-api', 'customers-api']);
    expect(await refs('system=commerce')).toEqual(['broken-api', 'customers-api']);
    expect(await refs('lifecycle=production')).toEqual(['payments-api']);
    expect(await refs('type=openapi&tag=globex')).toEqual(['broken-api', 'customers-api']);
    expect(await refs('search=SHIPPING')).toEqual(['customers-api']);
    expect(await refs('search=payments')).toEqual(['payments-api']);
    expect(await refs('search=nothing-like-it')).toEqual([]);
  });

  it('pages with limit and offset, capped', async () => {
    const page = await get('/apis?limit=1&offset=1');
    expect(page.body).toEqual(
      expect.objectContaining({ totalCount: 3, limit: 1, offset: 1, items: [expect.objectContaining({ name: 'customers-api' })] }),
    );
    const tooMany = await get('/apis?limit=1000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/^limit: /);
    const unknown = await get('/apis?colour=red');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('colour');
  });

  it('details an API with servers and operations', async () => {
    const res = await get('/apis/default/payments-api');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        ref: 'api:default/payments-api',
        definitionType: 'openapi',
        servers: [
          expect.objectContaining({ url: 'https://api.sandbox.acme.example/payments/v1', environment: 'sandbox', private: false }),
          expect.objectContaining({ environment: 'staging' }),
          expect.objectContaining({ environment: 'production' }),
        ],
        operations: [
          expect.objectContaining({ operationId: 'listPayments', method: 'GET', path: '/payments' }),
          expect.objectContaining({ operationId: 'createPayment', method: 'POST' }),
        ],
      }),
    );
    expect(res.body.definitionError).toBeUndefined();
  });

  it('says why a definition or plans do not parse instead of failing', async () => {
    const res = await get('/apis/default/broken-api');
    expect(res.status).toBe(200);
    expect(res.body.definitionError).toMatch(/not valid YAML/);
    expect(res.body.plansError).toMatch(/portico\.io\/plans/);
    expect(res.body.plans).toEqual([]);
    expect(res.body.environments).toEqual([]);
  });

  it('exports a definition as OpenAPI 3.0, and refuses one that does not parse', async () => {
    const res = await get('/apis/default/payments-api/openapi-3.0');
    expect(res.status).toBe(200);
    expect(res.body.filename).toBe('payments-api-openapi-3.0.yaml');
    expect(res.body.yaml).toMatch(/^openapi: 3\.0\.3$/m);
    expect(res.body.dropped).toEqual([]);
    const broken = await get('/apis/default/broken-api/openapi-3.0');
    expect(broken.status).toBe(409);
    expect(broken.body.error.message).toMatch(/cannot be exported: .*not valid YAML/);
    expect((await get('/apis/default/nope-api/openapi-3.0')).status).toBe(404);
  });

  it('404s an unknown API and 400s a bad name', async () => {
    expect((await get('/apis/default/nope-api')).status).toBe(404);
    const bad = await get('/apis/default/%20bad');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^name: /);
  });

  it('published api-created for every catalog API on the first run, nothing on the next', async () => {
    const created = await backend.knex('portico_outbox').where({ topic: 'api-created' }).select('subject');
    expect(created.map(r => r.subject).sort()).toEqual([
      'api:default/broken-api',
      'api:default/customers-api',
      'api:default/payments-api',
    ]);
    await backend.scheduler.triggerTask(APIM_TASKS.apiChanges);
    expect(await backend.knex('portico_outbox').where({ topic: 'api-created' })).toHaveLength(3);
    const [row] = await backend.knex('portico_outbox').where({ subject: 'api:default/payments-api' });
    expect(JSON.parse(row.payload)).toEqual(
      expect.objectContaining({
        actor: 'system:apim',
        tenant: 'acme',
        data: expect.objectContaining({
          apiRef: 'api:default/payments-api',
          title: 'Payments API',
          apiType: 'openapi',
          lifecycle: 'production',
          owner: 'group:default/payments-team',
          version: '1.4.0',
          plans: ['free', 'gold'],
        }),
      }),
    );
  });
});
