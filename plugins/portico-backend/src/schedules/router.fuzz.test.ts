import request from 'supertest';
import { setupServer } from 'msw/node';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  scheduleCreateSchema,
  scheduleListQuerySchema,
  scheduleRunsQuerySchema,
  scheduleUpdateSchema,
} from '@portico/plugin-portico-common';
import {
  countAllRows,
  fuzzRoutes,
  FuzzRoute,
  userAuth,
} from '@portico/portico-test-utils';
import { FakeScaffolder } from './__testUtils__/schedulesHarness';
import { startSchedulesTestBackend } from './__testUtils__/schedulesTestBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

describe('schedules API under fuzzing', () => {
  it('never answers 5xx, writes nothing when it refuses, and names the field of a 400', async () => {
    const knex = await databases.init('SQLITE_3');
    const { backend, scaffolderUrl } = await startSchedulesTestBackend({
      features: [mockServices.database.factory({ knex })],
    });
    server.use(...new FakeScaffolder().handlers(scaffolderUrl));
    const admin = userAuth('judy');
    const created = await request(backend.server)
      .post('/api/portico/schedules')
      .set('Authorization', admin)
      .send({
        name: 'Nightly scan',
        templateRef: 'trivy-scan',
        cron: '0 2 * * *',
        parameters: {},
        enabled: true,
      });
    expect(created.status).toBe(201);
    const params = { id: [created.body.id] };
    const routes: FuzzRoute[] = [
      {
        method: 'get',
        path: '/api/portico/schedules',
        query: scheduleListQuerySchema,
      },
      {
        method: 'post',
        path: '/api/portico/schedules',
        body: scheduleCreateSchema,
      },
      { method: 'get', path: '/api/portico/schedules/:id', params },
      {
        method: 'get',
        path: '/api/portico/schedules/:id/runs',
        params,
        query: scheduleRunsQuerySchema,
      },
      {
        method: 'patch',
        path: '/api/portico/schedules/:id',
        params,
        body: scheduleUpdateSchema,
      },
      { method: 'post', path: '/api/portico/schedules/:id/run', params },
    ];
    const { failures, statuses } = await fuzzRoutes({
      request: (method, url, authorization) =>
        request(backend.server)
          [method](url)
          .set('Authorization', authorization),
      authorization: admin,
      routes,
      count: 30,
      seed: 12,
      countRows: () => countAllRows(knex),
    });
    await backend.stop();
    expect(failures).toEqual([]);
    expect(statuses['GET /api/portico/schedules']).toHaveProperty('200');
    expect(statuses['POST /api/portico/schedules']).toHaveProperty('400');
  });
});
