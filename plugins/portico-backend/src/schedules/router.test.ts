import request from 'supertest';
import { setupServer } from 'msw/node';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  backendDatabaseConfig,
  createPorticoTestDatabases,
  userAuth,
} from '@portico/portico-test-utils';
import { PORTICO_TASKS } from '../plugin';
import { FakeScaffolder } from './__testUtils__/schedulesHarness';
import { startSchedulesTestBackend } from './__testUtils__/schedulesTestBackend';

jest.setTimeout(120_000);

const databases = createPorticoTestDatabases();
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const judy = userAuth('judy');
const alice = userAuth('alice');

describe.each(databases.eachSupportedId())(
  'schedules API on %p',
  databaseId => {
    let started: Awaited<ReturnType<typeof startBackend>>;
    beforeAll(async () => {
      started = await startBackend();
    });
    afterAll(async () => {
      await started.stop();
    });
    beforeEach(() => {
      started.scaffolder = new FakeScaffolder();
      server.use(...started.scaffolder.handlers(started.scaffolderUrl));
    });
    const start = async () => started;

    async function startBackend() {
      const database = await backendDatabaseConfig(databases, databaseId);
      return {
        ...(await startSchedulesTestBackend({
          config: { backend: { database } },
        })),
        scaffolder: new FakeScaffolder(),
      };
    }

    const body = {
      name: 'Daily Trivy scan',
      templateRef: 'template:default/trivy-scan',
      cron: '0 6 * * *',
      parameters: { severity: 'HIGH' },
      enabled: true,
    };

    it('portal admins create, list, run now, pause and delete; the run is recorded with its task', async () => {
      const { server: app, scheduler, scaffolder } = await start();
      const created = await request(app)
        .post('/api/portico/schedules')
        .set('Authorization', judy)
        .send(body);
      expect(created.status).toBe(201);
      expect(created.body).toEqual(
        expect.objectContaining({
          name: 'Daily Trivy scan',
          enabled: true,
          createdBy: 'user:default/judy',
          owner: 'user:default/judy',
        }),
      );
      const id = created.body.id;

      const run = await request(app)
        .post(`/api/portico/schedules/${id}/run`)
        .set('Authorization', judy);
      expect(run.status).toBe(202);
      expect(run.body).toEqual(
        expect.objectContaining({
          status: 'running',
          taskId: 'task-1',
          trigger: 'manual',
          triggeredBy: 'user:default/judy',
        }),
      );
      expect(scaffolder.created).toEqual([
        expect.objectContaining({
          templateRef: 'template:default/trivy-scan',
          values: { severity: 'HIGH' },
        }),
      ]);

      scaffolder.statuses.set('task-1', 'completed');
      await scheduler.triggerTask(PORTICO_TASKS.schedules);
      const list = await request(app)
        .get('/api/portico/schedules')
        .set('Authorization', judy);
      expect(list.status).toBe(200);
      expect(list.body.totalCount).toBe(1);
      expect(list.body.items[0].lastRun).toEqual(
        expect.objectContaining({ status: 'succeeded', taskId: 'task-1' }),
      );

      const paused = await request(app)
        .patch(`/api/portico/schedules/${id}`)
        .set('Authorization', judy)
        .send({ enabled: false });
      expect(paused.status).toBe(200);
      expect(paused.body).toEqual(expect.objectContaining({ enabled: false }));
      expect(paused.body.nextRunAt).toBeUndefined();

      const runs = await request(app)
        .get(`/api/portico/schedules/${id}/runs`)
        .set('Authorization', judy);
      expect(runs.body.items).toHaveLength(1);

      expect(
        (
          await request(app)
            .delete(`/api/portico/schedules/${id}`)
            .set('Authorization', judy)
        ).status,
      ).toBe(204);
      expect(
        (
          await request(app)
            .get(`/api/portico/schedules/${id}`)
            .set('Authorization', judy)
        ).status,
      ).toBe(404);
    });

    it('401 without a token, 403 for a service or a user without the permission; nothing is written', async () => {
      const { server: app, scaffolder } = await start();
      expect(
        (
          await request(app)
            .get('/api/portico/schedules')
            .set('Authorization', mockCredentials.none.header())
        ).status,
      ).toBe(401);
      const service = await request(app)
        .get('/api/portico/schedules')
        .set('Authorization', mockCredentials.service.header());
      // A service is never a schedules admin: the API takes users only.
      expect(service.status).toBe(403);
      expect(
        (
          await request(app)
            .get('/api/portico/schedules')
            .set('Authorization', alice)
        ).status,
      ).toBe(403);
      const refused = await request(app)
        .post('/api/portico/schedules')
        .set('Authorization', alice)
        .send(body);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'You need the portico.schedules.manage permission',
      );
      const list = await request(app)
        .get('/api/portico/schedules')
        .set('Authorization', judy);
      expect(list.body.totalCount).toBe(0);
      expect(scaffolder.created).toEqual([]);
    });

    it.each([
      [
        { ...body, cron: undefined },
        'cron: give exactly one of cron and intervalMinutes',
      ],
      [
        { ...body, intervalMinutes: 60 },
        'cron: give exactly one of cron and intervalMinutes',
      ],
      [{ ...body, cron: '0 6 * *' }, 'cron: must have five fields'],
      [{ ...body, cron: '0 25 * * *' }, 'cron: not a valid cron expression'],
      [
        { ...body, templateRef: 'template:default/new-service' },
        'templateRef: template:default/new-service is not annotated',
      ],
      [
        { ...body, templateRef: 'template:default/promotion-deploy' },
        'templateRef: template:default/promotion-deploy is not a template you can run',
      ],
      [
        { ...body, parameters: { token: { nested: true } } },
        'parameters.token:',
      ],
      [{ ...body, owner: 'component:default/x' }, 'owner:'],
      [{ ...body, extra: 1 }, 'extra'],
    ])('400 names the field (%#)', async (input, message) => {
      const { server: app } = await start();
      const res = await request(app)
        .post('/api/portico/schedules')
        .set('Authorization', judy)
        .send(input);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(
        (
          await request(app)
            .get('/api/portico/schedules')
            .set('Authorization', judy)
        ).body.totalCount,
      ).toBe(0);
    });

    it('400 on a path that is not an id, 404 on an unknown one', async () => {
      const { server: app } = await start();
      const bad = await request(app)
        .patch('/api/portico/schedules/nope')
        .set('Authorization', judy)
        .send({ enabled: true });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe('id: not an id (uuid)');
      const missing = await request(app)
        .post('/api/portico/schedules/6f1c3f7e-8d2a-4a55-9a1e-1b2c3d4e5f60/run')
        .set('Authorization', judy);
      expect(missing.status).toBe(404);
    });
  },
);
