import request from 'supertest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  entityRefQuerySchema,
  executionVerificationSchema,
  expiringQuerySchema,
  extendSchema,
  provisionSchema,
  resourceFilterSchema,
} from '@portico/plugin-lifecycle-common';
import {
  countAllRows,
  createPorticoTestDatabases,
  fuzzRoutes,
  FuzzRoute,
  rbacTestServices,
  recordingAuditor,
} from '@portico/portico-test-utils';
import { resourceEntity } from './__testUtils__/harness';
import { LIFECYCLE_TASKS, lifecyclePlugin } from './plugin';

jest.setTimeout(180_000);

// Property-based: inputs generated from lifecycle-common's zod schemas, then mutated. Fixed seed,
// bounded runs; on both engines, because the verify route reads an execution by a caller's id.
const databases = createPorticoTestDatabases();
const SCAFFOLDER_URL = 'http://scaffolder.test/api/scaffolder';
const msw = setupServer();
afterAll(() => msw.close());

const { permissionsFactory, userInfoFactory } = rbacTestServices({
  groupsByUser: { 'user:default/alice': ['payments-team'] },
  signedIn: [
    'lifecycle.resource.read',
    'lifecycle.resource.extend',
    'lifecycle.resource.provision',
  ],
  roles: {},
});

const alice = mockCredentials.user.header('user:default/alice');
/** The scaffolder running a task a service started: the only caller the verify route answers. */
const scaffolder = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:scaffolder'),
  targetPluginId: 'lifecycle',
});

async function start(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const scheduler = mockServices.scheduler() as any;
  const backend = await startTestBackend({
    features: [
      lifecyclePlugin,
      permissionsFactory,
      userInfoFactory,
      scheduler.factory(),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({
        entities: [
          resourceEntity('sandbox-a', {
            ttl: '2d',
            'created-at': new Date().toISOString(),
          }),
        ],
      }),
      createServiceFactory({
        service: coreServices.discovery,
        deps: {},
        factory: () =>
          mockServices.discovery.mock({
            getBaseUrl: async id =>
              id === 'scaffolder'
                ? SCAFFOLDER_URL
                : `http://localhost:0/api/${id}`,
          }),
      }),
      recordingAuditor().factory,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      mockServices.rootConfig.factory({
        data: {
          portico: { events: { relay: { intervalSeconds: 3600 } } },
          lifecycle: {
            resourceTypes: {
              namespace: {
                provisionTemplate: 'template:default/sandbox-provision',
              },
            },
          },
        },
      }),
    ],
  });
  await scheduler.triggerTask(LIFECYCLE_TASKS.sync);
  return { server: backend.server, knex, stop: () => backend.stop() };
}

describe.each(databases.eachSupportedId())(
  'lifecycle routes under fuzzing on %p',
  databaseId => {
    let app: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      app = await start(databaseId);
    });
    afterAll(() => app.stop());

    it('never answer 5xx, write nothing when they refuse, and name the field of a 400', async () => {
      // The test's own calls to the backend go through; any other outside call is a failure.
      msw.listen({
        onUnhandledRequest: (req, print) => {
          if (new URL(req.url).hostname !== '127.0.0.1') print.error();
        },
      });
      let tasks = 0;
      const executionIds: string[] = [];
      msw.use(
        http.post(`${SCAFFOLDER_URL}/v2/tasks`, async ({ request: req }) => {
          const body = (await req.json()) as {
            values: { executionId: string };
          };
          executionIds.push(body.values.executionId);
          tasks += 1;
          return HttpResponse.json({ id: `task-${tasks}` }, { status: 201 });
        }),
      );
      // Executions that exist, one of them already bound to its task, so verify gets past its 404.
      for (const name of ['sandbox-f1', 'sandbox-f2']) {
        const res = await request(app.server)
          .post('/api/lifecycle/provisions')
          .set('Authorization', alice)
          .send({ entityRef: `resource:default/${name}`, type: 'namespace' });
        expect(res.status).toBe(202);
      }
      const bound = await request(app.server)
        .post(`/api/lifecycle/executions/${executionIds[0]}/verify`)
        .set('Authorization', scaffolder)
        .send({
          operation: 'provision',
          entityRef: 'resource:default/sandbox-f1',
          templateRef: 'template:default/sandbox-provision',
          taskId: 'task-1',
        });
      expect(bound.status).toBe(200);
      const ids = { id: [...executionIds] };

      const routes: FuzzRoute[] = [
        {
          method: 'get',
          path: '/api/lifecycle/resources/expiring',
          query: expiringQuerySchema,
        },
        {
          method: 'get',
          path: '/api/lifecycle/resources/violations',
          query: resourceFilterSchema,
        },
        {
          method: 'get',
          path: '/api/lifecycle/resources/by-ref',
          query: entityRefQuerySchema,
        },
        {
          method: 'post',
          path: '/api/lifecycle/resources/extend',
          body: extendSchema,
        },
        {
          method: 'post',
          path: '/api/lifecycle/provisions',
          body: provisionSchema,
        },
        { method: 'get', path: '/api/lifecycle/cost-centers' },
        {
          method: 'post',
          path: '/api/lifecycle/executions/:id/verify',
          params: ids,
          body: executionVerificationSchema,
          authorization: scaffolder,
        },
        // A user may never verify an execution: 403 (or 400 first), and nothing bound.
        {
          method: 'post',
          path: '/api/lifecycle/executions/:id/verify',
          params: ids,
          body: executionVerificationSchema,
        },
      ];

      // Only the provisioning above calls the scaffolder (no fuzzed type has a template). msw stays out of
      // the fuzzing: it does not let a request with a 100 kB URL through to the backend (it hangs).
      msw.close();
      const { failures, statuses } = await fuzzRoutes({
        request: (method, url, authorization) =>
          request(app.server)[method](url).set('Authorization', authorization),
        authorization: alice,
        routes,
        count: 25,
        seed: 11,
        countRows: () => countAllRows(app.knex),
      });
      expect(failures).toEqual([]);
      const verify = statuses['POST /api/lifecycle/executions/:id/verify'];
      // Past validation too: unknown executions, and claims that do not match the execution.
      expect(verify).toHaveProperty('400');
      expect(verify).toHaveProperty('404');
      expect(verify).toHaveProperty('409');
      expect(verify).toHaveProperty('403');
      expect(statuses['GET /api/lifecycle/resources/expiring']).toHaveProperty(
        '200',
      );

      // Refs no parser accepts, on an execution that exists: a 400 naming the field, not a 500.
      for (const [field, value] of [
        ['entityRef', 'resource:/'],
        ['entityRef', ':::'],
        ['templateRef', 'template:default/'],
      ]) {
        const res = await request(app.server)
          .post(`/api/lifecycle/executions/${executionIds[1]}/verify`)
          .set('Authorization', scaffolder)
          .send({
            operation: 'provision',
            entityRef: 'resource:default/sandbox-f2',
            templateRef: 'template:default/sandbox-provision',
            taskId: 'task-2',
            [field]: value,
          });
        expect({ field, value, status: res.status }).toEqual({
          field,
          value,
          status: 400,
        });
        expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
      }

      // The refused claims bound nothing: the first execution is still its own task's, the second
      // one still free for its task.
      const again = await request(app.server)
        .post(`/api/lifecycle/executions/${executionIds[1]}/verify`)
        .set('Authorization', scaffolder)
        .send({
          operation: 'provision',
          entityRef: 'resource:default/sandbox-f2',
          templateRef: 'template:default/sandbox-provision',
          taskId: 'task-2',
        });
      expect(again.status).toBe(200);
    });
  },
);
