import request from 'supertest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { TestDatabases } from '@backstage/backend-test-utils';
import { countAllRows, fuzzRoutes, FuzzRoute } from '@portico/portico-test-utils';
import {
  assignRequestSchema,
  changeStatusSchema,
  commentSchema,
  createRequestSchema,
  listRequestsQuerySchema,
  serviceInputSchema,
} from '@portico/plugin-servicedesk-common';
import {
  auth,
  ServicedeskTestBackend,
  startServicedeskTestBackend,
} from '../__testUtils__/servicedeskTestBackend';

jest.setTimeout(120_000);

// Property-based: inputs generated from servicedesk-common's zod schemas, then mutated. Fixed
// seed, bounded runs; SQLite only (the store tests cover the engines).
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

// An automation that the fuzzer happens to start reaches a scaffolder that refuses it.
const scaffolder = setupServer(
  http.all('*/api/scaffolder/*', () => HttpResponse.json({ error: 'no' }, { status: 503 })),
);

describe('servicedesk routes under fuzzing', () => {
  let backend: ServicedeskTestBackend;
  beforeAll(async () => {
    scaffolder.listen({ onUnhandledRequest: 'bypass' });
    backend = await startServicedeskTestBackend(databases, 'SQLITE_3');
  });
  afterAll(async () => {
    await backend.stop();
    scaffolder.close();
  });

  it('never answer 5xx, write nothing when they refuse, and name the field of a 400', async () => {
    const filed = await request(backend.server)
      .post('/api/servicedesk/requests')
      .set('Authorization', auth('alice'))
      .send({
        service: 'hardware_request',
        title: 'A second screen',
        priority: 'medium',
        formData: { item: 'monitor', quantity: 1, deliveryLocation: 'Lyon, 3rd floor' },
      });
    expect(filed.status).toBe(201);
    const tickets = { ticketId: [filed.body.ticketId] };
    const slugs = { slug: ['hardware_request', 'password_reset', 'user_offboarding'] };

    const routes: FuzzRoute[] = [
      { method: 'get', path: '/api/servicedesk/services' },
      { method: 'get', path: '/api/servicedesk/services/:slug', params: slugs },
      { method: 'put', path: '/api/servicedesk/services/:slug', params: slugs, body: serviceInputSchema, authorization: auth('judy') },
      { method: 'post', path: '/api/servicedesk/requests', body: createRequestSchema },
      { method: 'get', path: '/api/servicedesk/requests', query: listRequestsQuerySchema },
      { method: 'get', path: '/api/servicedesk/requests/:ticketId', params: tickets },
      { method: 'post', path: '/api/servicedesk/requests/:ticketId/claim', params: tickets, authorization: auth('heidi') },
      { method: 'post', path: '/api/servicedesk/requests/:ticketId/assign', params: tickets, body: assignRequestSchema, authorization: auth('heidi') },
      { method: 'post', path: '/api/servicedesk/requests/:ticketId/comments', params: tickets, body: commentSchema },
      { method: 'post', path: '/api/servicedesk/requests/:ticketId/status', params: tickets, body: changeStatusSchema, authorization: auth('heidi') },
      { method: 'get', path: '/api/servicedesk/teams', authorization: auth('heidi') },
      { method: 'get', path: '/api/servicedesk/reports/sla', authorization: auth('heidi') },
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
    // Past validation too, not only into it.
    expect(statuses['POST /api/servicedesk/requests/:ticketId/comments']).toHaveProperty('201');
    expect(statuses['POST /api/servicedesk/requests']).toHaveProperty('400');
  });
});
