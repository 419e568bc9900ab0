import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { countAllRows, fuzzRoutes, FuzzRoute } from '@portico/portico-test-utils';
import {
  approvalSchema,
  createPromotionSchema,
  deploymentReportSchema,
  listPromotionsQuerySchema,
  rejectionSchema,
  retrySchema,
} from '@portico/plugin-promotions-common';
import {
  auth,
  createPromotion,
  PromotionsTestBackend,
  startPromotionsTestBackend,
} from '../__testUtils__/promotionsTestBackend';

jest.setTimeout(120_000);

// Property-based: inputs generated from promotions-common's zod schemas, then mutated. Fixed
// seed, bounded runs; SQLite only (the store tests cover the engines).
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('promotions routes under fuzzing', () => {
  let backend: PromotionsTestBackend;
  beforeAll(async () => {
    backend = await startPromotionsTestBackend(databases, 'SQLITE_3', {
      config: {
        promotions: { targets: { PROD: { executor: 'external', executorSubjects: ['external:awx'] } } },
      },
    });
  });
  afterAll(() => backend.stop());

  it('never answer 5xx, write nothing when they refuse, and name the field of a 400', async () => {
    const promotion = await createPromotion(backend.server, 'alice');
    const other = await createPromotion(backend.server, 'alice');
    const ids = { id: [promotion.id, other.id] };
    const executor = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('external:awx'),
      targetPluginId: 'promotions',
    });

    const routes: FuzzRoute[] = [
      { method: 'get', path: '/api/promotions/settings' },
      { method: 'get', path: '/api/promotions/requests', query: listPromotionsQuerySchema },
      { method: 'get', path: '/api/promotions/requests/count' },
      { method: 'post', path: '/api/promotions/requests', body: createPromotionSchema },
      { method: 'get', path: '/api/promotions/requests/:id', params: ids },
      { method: 'post', path: '/api/promotions/requests/:id/reject', params: ids, body: rejectionSchema, authorization: auth('bob') },
      { method: 'post', path: '/api/promotions/requests/:id/approve', params: ids, body: approvalSchema, authorization: auth('bob') },
      { method: 'post', path: '/api/promotions/requests/:id/retry', params: ids, body: retrySchema },
      { method: 'post', path: '/api/promotions/requests/:id/deployment', params: ids, body: deploymentReportSchema, authorization: executor },
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
    expect(statuses['GET /api/promotions/requests']).toHaveProperty('200');
    expect(statuses['POST /api/promotions/requests']).toHaveProperty('400');
  });
});
