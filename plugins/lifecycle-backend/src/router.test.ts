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
  AuditorServiceCreateEventOptions,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createPorticoTestDatabases, rbacTestServices } from '@portico/portico-test-utils';
import { resourceEntity } from './__testUtils__/harness';
import { LIFECYCLE_TASKS, lifecyclePlugin } from './plugin';

jest.setTimeout(120_000);

const databases = createPorticoTestDatabases();
const SCAFFOLDER_URL = 'http://scaffolder.test/api/scaffolder';
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

const { permissionsFactory, userInfoFactory } = rbacTestServices({
  groupsByUser: {
    'user:default/alice': ['devops-acme', 'payments-team'],
    'user:default/dave': ['devops-globex', 'commerce-team'],
    'user:default/judy': ['portal-admins', 'platform-team'],
    'user:default/mallory': [],
  },
  signedIn: ['lifecycle.resource.read', 'lifecycle.resource.extend', 'lifecycle.resource.provision'],
  roles: { 'platform-team': ['lifecycle.resource.manage'] },
});

const auth = (user: string) => mockCredentials.user.header(`user:default/${user}`);
const NOW = Date.now();

async function start(databaseId: TestDatabaseId, config: Record<string, unknown> = {}) {
  const knex = await databases.init(databaseId);
  const scheduler = mockServices.scheduler() as any;
  const audits: AuditorServiceCreateEventOptions[] = [];
  const backend = await startTestBackend({
    features: [
      lifecyclePlugin,
      permissionsFactory,
      userInfoFactory,
      scheduler.factory(),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({
        entities: [
          resourceEntity('sandbox-a', { ttl: '2d', 'created-at': new Date(NOW).toISOString() }),
          resourceEntity('untagged', { ttl: undefined }),
        ],
      }),
      createServiceFactory({
        service: coreServices.discovery,
        deps: {},
        factory: () =>
          mockServices.discovery.mock({
            getBaseUrl: async id => (id === 'scaffolder' ? SCAFFOLDER_URL : `http://localhost:0/api/${id}`),
          }),
      }),
      createServiceFactory({
        service: coreServices.auditor,
        deps: {},
        factory: () => ({
          async createEvent(event: AuditorServiceCreateEventOptions) {
            audits.push(event);
            return { success: async () => {}, fail: async () => {} };
          },
        }),
      }),
      createServiceFactory({ service: notificationService, deps: {}, factory: () => ({ send: async () => {} }) }),
      mockServices.rootConfig.factory({
        data: {
          portico: { events: { relay: { intervalSeconds: 3600 } } },
          lifecycle: { resourceTypes: { namespace: { provisionTemplate: 'template:default/sandbox-provision' } } },
          ...config,
        },
      }),
    ],
  });
  await scheduler.triggerTask(LIFECYCLE_TASKS.sync);
  return { server: backend.server, audits, stop: () => backend.stop(), knex };
}

describe.each(databases.eachSupportedId())('lifecycle router on %p', databaseId => {
  let app: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    app = await start(databaseId);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('refuses callers without a token (401), with a service token or without the read permission (403)', async () => {
    expect(
      (await request(app.server).get('/api/lifecycle/resources/expiring').set('Authorization', mockCredentials.none.header())).status,
    ).toBe(401);
    expect(
      (await request(app.server).get('/api/lifecycle/resources/expiring').set('Authorization', mockCredentials.service.header())).status,
    ).toBe(403);
    const res = await request(app.server).get('/api/lifecycle/resources/expiring').set('Authorization', auth('mallory'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('lifecycle.resource.read');
  });

  it('answers 400 naming the field of a bad query or body', async () => {
    let res = await request(app.server).get('/api/lifecycle/resources/expiring?limit=1000').set('Authorization', auth('alice'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('limit');
    res = await request(app.server).get('/api/lifecycle/resources/violations?environment=production').set('Authorization', auth('alice'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('environment');
    res = await request(app.server).get('/api/lifecycle/resources/by-ref?entityRef=component:default/x').set('Authorization', auth('alice'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('entityRef');
    res = await request(app.server)
      .post('/api/lifecycle/resources/extend')
      .set('Authorization', auth('alice'))
      .send({ entityRef: 'resource:default/sandbox-a', days: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('reason');
  });

  it('lists what expires soon and the tag violations', async () => {
    const expiring = await request(app.server).get('/api/lifecycle/resources/expiring?withinHours=72').set('Authorization', auth('dave'));
    expect(expiring.status).toBe(200);
    expect(expiring.body.items.map((i: any) => i.entityRef)).toEqual(['resource:default/sandbox-a']);
    const violations = await request(app.server).get('/api/lifecycle/resources/violations').set('Authorization', auth('dave'));
    expect(violations.body).toMatchObject({ totalCount: 1, items: [{ entityRef: 'resource:default/untagged', violations: [{ tag: 'ttl' }] }] });
    const centers = await request(app.server).get('/api/lifecycle/cost-centers').set('Authorization', auth('dave'));
    expect(centers.body.items).toEqual([
      { costCenter: 'CC-1042', resources: 2, expiringSoon: 1, violations: 1, environments: { sandbox: 2 } },
    ]);
  });

  it('lets owners and the platform team extend, and nobody else (403)', async () => {
    const body = { entityRef: 'resource:default/sandbox-a', days: 1, reason: 'demo next week' };
    const denied = await request(app.server).post('/api/lifecycle/resources/extend').set('Authorization', auth('dave')).send(body);
    expect(denied.status).toBe(403);
    const byOwner = await request(app.server).post('/api/lifecycle/resources/extend').set('Authorization', auth('alice')).send(body);
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.extensions).toBe(1);
    const byPlatform = await request(app.server).post('/api/lifecycle/resources/extend').set('Authorization', auth('judy')).send(body);
    expect(byPlatform.status).toBe(200);
    expect(byPlatform.body.timeline.map((t: any) => t.actor).slice(-2)).toEqual(['user:default/alice', 'user:default/judy']);
    expect(app.audits.filter(a => a.eventId === 'resource-extend')).toHaveLength(2);
  });

  it('provisions through the scaffolder executor as the plugin itself', async () => {
    const started: any[] = [];
    msw.use(
      http.post(`${SCAFFOLDER_URL}/v2/tasks`, async ({ request: req }) => {
        started.push({ auth: req.headers.get('authorization'), body: await req.json() });
        return HttpResponse.json({ id: 'task-42' }, { status: 201 });
      }),
    );
    const denied = await request(app.server)
      .post('/api/lifecycle/provisions')
      .set('Authorization', auth('mallory'))
      .send({ entityRef: 'resource:default/sandbox-b', type: 'namespace' });
    expect(denied.status).toBe(403);
    expect(started).toHaveLength(0);
    const res = await request(app.server)
      .post('/api/lifecycle/provisions')
      .set('Authorization', auth('alice'))
      .send({ entityRef: 'resource:default/sandbox-b', type: 'namespace' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ taskId: 'task-42', status: 'running', createdAt: expect.any(String) });
    expect(started[0].body).toMatchObject({
      templateRef: 'template:default/sandbox-provision',
      values: { entityRef: 'resource:default/sandbox-b', type: 'namespace' },
    });
    // The mock auth service's token names its subject: the lifecycle plugin, not alice.
    expect(started[0].auth).toContain('plugin:lifecycle');
    expect(started[0].auth).not.toContain('alice');
  });

  it('has no time hook unless configured', async () => {
    const res = await request(app.server).post('/api/lifecycle/testing/clock').set('Authorization', auth('alice')).send({ advanceMs: 1 });
    expect(res.status).toBe(404);
  });
});

describe('the lifecycle time hook', () => {
  it('moves the clock and runs a pass when lifecycle.testHooks.clock is set', async () => {
    const app = await start('SQLITE_3', { lifecycle: { testHooks: { clock: true } } });
    try {
      const res = await request(app.server)
        .post('/api/lifecycle/testing/clock')
        .set('Authorization', auth('alice'))
        .send({ advanceMs: 47 * 3600_000 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ notices: 1, teardowns: 0 });
      const detail = await request(app.server)
        .get('/api/lifecycle/resources/by-ref?entityRef=resource:default/sandbox-a')
        .set('Authorization', auth('alice'));
      expect(detail.body.notices['48h']).toBeDefined();
    } finally {
      await app.stop();
    }
  });
});
