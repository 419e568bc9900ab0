import request from 'supertest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockCredentials, mockServices, startTestBackend, TestDatabaseId } from '@backstage/backend-test-utils';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createPorticoTestDatabases, rbacTestServices, recordingAuditor } from '@portico/portico-test-utils';
import { lifecyclePlugin } from './plugin';

jest.setTimeout(120_000);

const databases = createPorticoTestDatabases();
const SCAFFOLDER_URL = 'http://scaffolder.test/api/scaffolder';
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

const { permissionsFactory, userInfoFactory } = rbacTestServices({
  groupsByUser: { 'user:default/alice': ['payments-team'], 'user:default/judy': ['portal-admins'] },
  signedIn: ['lifecycle.resource.read', 'lifecycle.resource.provision'],
  roles: {},
});

/** The scaffolder running a task a service started, as Backstage issues its calls. */
const scaffolderHeader = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:scaffolder'),
  targetPluginId: 'lifecycle',
});
const otherServiceHeader = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'lifecycle',
});

async function start(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const auditor = recordingAuditor();
  const backend = await startTestBackend({
    features: [
      lifecyclePlugin,
      permissionsFactory,
      userInfoFactory,
      mockServices.scheduler.factory(),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      createServiceFactory({
        service: coreServices.discovery,
        deps: {},
        factory: () =>
          mockServices.discovery.mock({
            getBaseUrl: async id => (id === 'scaffolder' ? SCAFFOLDER_URL : `http://localhost:0/api/${id}`),
          }),
      }),
      auditor.factory,
      createServiceFactory({ service: notificationService, deps: {}, factory: () => ({ send: async () => {} }) }),
      mockServices.rootConfig.factory({
        data: {
          portico: { events: { relay: { intervalSeconds: 3600 } } },
          lifecycle: { resourceTypes: { namespace: { provisionTemplate: 'template:default/sandbox-provision' } } },
        },
      }),
    ],
  });
  return { server: backend.server, audits: auditor.audits, stop: () => backend.stop() };
}

describe.each(databases.eachSupportedId())('lifecycle executions on %p', databaseId => {
  let app: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    app = await start(databaseId);
  });
  afterAll(async () => {
    await app.stop();
  });

  async function provision(name: string, parameters?: Record<string, string>) {
    const started: any[] = [];
    msw.use(
      http.post(`${SCAFFOLDER_URL}/v2/tasks`, async ({ request: req }) => {
        started.push(await req.json());
        return HttpResponse.json({ id: `task-${name}` }, { status: 201 });
      }),
    );
    const res = await request(app.server)
      .post('/api/lifecycle/provisions')
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .send({ entityRef: `resource:default/${name}`, type: 'namespace', parameters });
    expect(res.status).toBe(202);
    return started[0] as { templateRef: string; values: Record<string, string> };
  }

  const verify = (id: string, body: object, header = scaffolderHeader) =>
    request(app.server).post(`/api/lifecycle/executions/${id}/verify`).set('Authorization', header).send(body);

  it('passes an execution id to the template; its verify step is answered for that task only', async () => {
    const task = await provision('sandbox-v1', { executionId: '00000000-0000-4000-8000-000000000000' });
    // A caller's parameters cannot choose the execution.
    expect(task.values.executionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(task.values.executionId).not.toBe('00000000-0000-4000-8000-000000000000');
    const id = task.values.executionId;
    const claim = { operation: 'provision', entityRef: 'resource:default/sandbox-v1', templateRef: 'template:default/sandbox-provision', taskId: 'task-sandbox-v1' };

    const ok = await verify(id, claim);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ executionId: id, operation: 'provision', entityRef: 'resource:default/sandbox-v1', taskId: 'task-sandbox-v1' });
    // The same task may ask again (a retried step); no other task may.
    expect((await verify(id, claim)).status).toBe(200);
    const other = await verify(id, { ...claim, taskId: 'task-forged' });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain('is task task-sandbox-v1; task task-forged must not act on it');
  });

  it('refuses a claim for another operation, resource or template, and an unknown execution', async () => {
    const task = await provision('sandbox-v2');
    const id = task.values.executionId;
    const claim = { operation: 'provision', entityRef: 'resource:default/sandbox-v2', templateRef: 'template:default/sandbox-provision', taskId: 'task-sandbox-v2' };
    expect((await verify(id, { ...claim, operation: 'teardown' })).status).toBe(409);
    expect((await verify(id, { ...claim, entityRef: 'resource:default/prod-db' })).status).toBe(409);
    const template = await verify(id, { ...claim, templateRef: 'template:default/my-own-template' });
    expect(template.status).toBe(409);
    expect(template.body.error.message).toContain('runs template:default/sandbox-provision, not template:default/my-own-template');
    expect((await verify('6f1c3f7e-8d2a-4a55-9a1e-1b2c3d4e5f60', claim)).status).toBe(404);
    const bad = await verify(id, { ...claim, operation: 'delete' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^operation: /);
    expect((await verify('nope', claim)).status).toBe(400);
  });

  it('answers only the scaffolder running a task a service started: a user or another service gets 403, audited', async () => {
    const task = await provision('sandbox-v3');
    const claim = { operation: 'provision', entityRef: 'resource:default/sandbox-v3', templateRef: 'template:default/sandbox-provision', taskId: 'task-x' };
    const asUser = await verify(task.values.executionId, claim, mockCredentials.user.header('user:default/alice'));
    expect(asUser.status).toBe(403);
    const asOther = await verify(task.values.executionId, claim, otherServiceHeader);
    expect(asOther.status).toBe(403);
    expect(app.audits.filter(a => a.eventId === 'service-caller-refused').length).toBeGreaterThanOrEqual(1);
    // Nothing was bound by the refused calls: the real task still binds.
    const ok = await verify(task.values.executionId, { ...claim, taskId: 'task-sandbox-v3' });
    expect(ok.status).toBe(200);
  });
});
