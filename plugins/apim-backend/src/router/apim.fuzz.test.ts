import request from 'supertest';
import { countAllRows, fuzzRoutes, FuzzRoute } from '@portico/portico-test-utils';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  codeSamplesRequestSchema,
  createApplicationSchema,
  createKeySchema,
  createSubscriptionSchema,
  decisionSchema,
  listApisQuerySchema,
  listApplicationsQuerySchema,
  listSubscriptionsQuerySchema,
  rejectionSchema,
  rotateKeySchema,
  tryItRequestSchema,
  updateApplicationSchema,
  verifyKeySchema,
} from '@portico/plugin-apim-common';
import { SUBSCRIPTION_ACTION_NAMES } from '../service/subscriptions/stateMachine';
import {
  ApimTestBackend,
  auth,
  createApplication,
  startApimTestBackend,
  uniqueName,
} from '../__testUtils__/apimTestBackend';

jest.setTimeout(120_000);

// Property-based: inputs generated from apim-common's zod schemas, then mutated. Fixed seed,
// bounded runs; SQLite only (the stores' engine differences are covered by the store tests).
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('apim routes under fuzzing', () => {
  let backend: ApimTestBackend;
  beforeAll(async () => {
    backend = await startApimTestBackend(databases, 'SQLITE_3');
  });
  afterAll(() => backend.stop());

  it('never answer 5xx, write nothing when they refuse, and name the field of a 400', async () => {
    const app = await createApplication(backend.server, 'alice', {
      name: uniqueName('fuzz'),
      owner: 'devops-acme',
      environments: ['sandbox', 'production'],
    });
    const subscription = await request(backend.server)
      .post('/api/apim/subscriptions')
      .set('Authorization', auth('alice'))
      .send({ applicationId: app.id, apiRef: 'api:default/payments-api', plan: 'free', environment: 'sandbox' });
    const key = await request(backend.server)
      .post(`/api/apim/applications/${app.id}/keys`)
      .set('Authorization', auth('alice'))
      .send({ environment: 'sandbox' });
    const ids = {
      id: [app.id],
      subscription: [subscription.body.id].filter(Boolean),
      key: [key.body.id ?? key.body.key?.id].filter(Boolean),
    };

    const routes: FuzzRoute[] = [
      { method: 'get', path: '/api/apim/apis', query: listApisQuerySchema },
      {
        method: 'get',
        path: '/api/apim/apis/:namespace/:name',
        params: { namespace: ['default'], name: ['payments-api', 'broken-api'] },
      },
      { method: 'get', path: '/api/apim/applications', query: listApplicationsQuerySchema },
      { method: 'post', path: '/api/apim/applications', body: createApplicationSchema },
      { method: 'get', path: '/api/apim/applications/:id', params: ids },
      { method: 'patch', path: '/api/apim/applications/:id', params: ids, body: updateApplicationSchema },
      { method: 'get', path: '/api/apim/applications/:id/keys', params: ids },
      { method: 'post', path: '/api/apim/applications/:id/keys', params: ids, body: createKeySchema },
      { method: 'post', path: '/api/apim/keys/verify', body: verifyKeySchema },
      { method: 'post', path: '/api/apim/keys/:id/rotate', params: { id: ids.key }, body: rotateKeySchema },
      { method: 'post', path: '/api/apim/keys/:id/revoke', params: { id: ids.key } },
      { method: 'get', path: '/api/apim/subscriptions', query: listSubscriptionsQuerySchema },
      { method: 'post', path: '/api/apim/subscriptions', body: createSubscriptionSchema },
      { method: 'get', path: '/api/apim/subscriptions/:id', params: { id: ids.subscription } },
      ...SUBSCRIPTION_ACTION_NAMES.map(
        (action): FuzzRoute => ({
          method: 'post',
          path: `/api/apim/subscriptions/:id/${action}`,
          params: { id: ids.subscription },
          body: action === 'reject' ? rejectionSchema : decisionSchema,
          authorization: auth('bob'),
        }),
      ),
      { method: 'post', path: '/api/apim/try-it', body: tryItRequestSchema },
      { method: 'post', path: '/api/apim/code-samples', body: codeSamplesRequestSchema },
      // Deleting last: it may delete the application the other routes start from.
      { method: 'delete', path: '/api/apim/applications/:id', params: ids },
    ];

    const { failures, statuses } = await fuzzRoutes({
      request: (method, url, authorization) =>
        request(backend.server)[method](url).set('Authorization', authorization),
      authorization: auth('alice'),
      routes,
      count: 20,
      seed: 9,
      countRows: () => countAllRows(backend.knex),
    });
    expect(failures).toEqual([]);
    // The runs went past validation, not only into it.
    expect(statuses['GET /api/apim/apis']).toHaveProperty('200');
    expect(statuses['PATCH /api/apim/applications/:id']).toHaveProperty('200');
    expect(statuses['PATCH /api/apim/applications/:id']).toHaveProperty('400');
  });
});
