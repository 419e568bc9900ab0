import { setupServer } from 'msw/node';
import { FakeClock, createPorticoTestDatabases } from '@portico/portico-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  FakeScaffolder,
  ivan,
  judy,
  schedulesHarness,
  template,
  templatesAndOrg,
} from '../__testUtils__/schedulesHarness';

const MINUTE = 60_000;
const databases = createPorticoTestDatabases();
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe.each(databases.eachSupportedId())('scheduled template runs on %p', databaseId => {
  let scaffolder: FakeScaffolder;
  let clock: FakeClock;
  let entities: Entity[];

  async function setup() {
    scaffolder = new FakeScaffolder();
    server.use(...scaffolder.handlers());
    clock = new FakeClock(Date.parse('2026-12-07T05:00:00Z'));
    entities = templatesAndOrg();
    return schedulesHarness(await databases.init(databaseId), entities, clock);
  }

  it('starts a cron schedule once when due, as the portal, with its fixed values, and records the run', async () => {
    const { service, runner, db } = await setup();
    const created = await service.create(judy, {
      name: 'Daily Trivy scan',
      templateRef: 'template:default/trivy-scan',
      cron: '0 6 * * *',
      parameters: { severity: 'HIGH', failOnFindings: false },
      enabled: true,
    });
    expect(created.nextRunAt).toBe('2026-12-07T06:00:00.000Z');
    expect(created.createdBy).toBe('user:default/judy');
    expect(created.owner).toBe('user:default/judy');

    await runner.tick();
    expect(scaffolder.created).toEqual([]);

    clock.advance(60 * MINUTE);
    // Two runners that overlap (a slow tick and the next) start it once.
    await Promise.all([runner.startDue(), runner.startDue()]);
    expect(scaffolder.created).toHaveLength(1);
    expect(scaffolder.created[0].templateRef).toBe('template:default/trivy-scan');
    expect(scaffolder.created[0].values).toEqual({ severity: 'HIGH', failOnFindings: false });
    expect(scaffolder.created[0].authorization).toContain('plugin:portico');

    const after = await service.get(created.id);
    expect(after.nextRunAt).toBe('2026-12-08T06:00:00.000Z');
    expect(after.lastRun).toEqual(
      expect.objectContaining({ status: 'running', taskId: 'task-1', trigger: 'schedule', triggeredBy: 'plugin:portico' }),
    );

    scaffolder.statuses.set('task-1', 'completed');
    expect(await runner.tick()).toEqual({ started: 0, finished: 1 });
    const runs = await service.runs(created.id, 10);
    expect(runs.items).toEqual([
      expect.objectContaining({ status: 'succeeded', startedAt: '2026-12-07T06:00:00.000Z', finishedAt: '2026-12-07T06:00:00.000Z' }),
    ]);
    expect(await db.runs.unfinished(10)).toEqual([]);
  });

  it('skips runs missed while the portal was down, and an interval counts from the run that was due', async () => {
    const { service, runner } = await setup();
    const created = await service.create(judy, {
      name: 'Morning summary',
      templateRef: 'trivy-scan',
      intervalMinutes: 60,
      parameters: {},
      enabled: true,
    });
    expect(created.templateRef).toBe('template:default/trivy-scan');
    clock.advance(5 * 60 * MINUTE + 10 * MINUTE);
    await runner.tick();
    expect(scaffolder.created).toHaveLength(1);
    expect((await service.get(created.id)).nextRunAt).toBe('2026-12-07T11:10:00.000Z');
  });

  it('tells the owner when a task fails, once', async () => {
    const { service, runner, notices, sent } = await setup();
    const created = await service.create(judy, {
      name: 'Weekly security report',
      templateRef: 'template:default/trivy-scan',
      cron: '0 7 * * 1',
      owner: 'group:default/security',
      parameters: {},
      enabled: true,
    });
    const run = await service.runNow(ivan, created.id);
    expect(run).toEqual(expect.objectContaining({ status: 'running', trigger: 'manual', triggeredBy: 'user:default/ivan' }));
    scaffolder.statuses.set(run.taskId!, 'failed');
    await runner.tick();
    await runner.tick();
    await notices.sendDue();
    expect(sent).toEqual([
      expect.objectContaining({
        recipients: expect.objectContaining({ entityRef: ['group:default/security'] }),
        payload: expect.objectContaining({ title: 'Scheduled run of Weekly security report failed', link: `/create/tasks/${run.taskId}` }),
      }),
    ]);
    expect((await service.get(created.id)).lastRun).toEqual(
      expect.objectContaining({ status: 'failed', message: "The template's task failed" }),
    );
  });

  it('records a failed run when the scaffolder refuses, and the schedule keeps its next run', async () => {
    const { service, runner } = await setup();
    const created = await service.create(judy, { name: 'Scan', templateRef: 'trivy-scan', intervalMinutes: 30, parameters: {}, enabled: true });
    scaffolder.failCreate = true;
    clock.advance(30 * MINUTE);
    await runner.tick();
    const view = await service.get(created.id);
    expect(view.lastRun).toEqual(expect.objectContaining({ status: 'failed' }));
    expect(view.lastRun?.message).toContain('Could not start template:default/trivy-scan');
    expect(view.enabled).toBe(true);
    expect(view.nextRunAt).toBe('2026-12-07T06:00:00.000Z');
  });

  it('refuses to schedule a template that is not schedulable or that the person cannot run', async () => {
    const { service, db } = await setup();
    const base = { name: 'Job', parameters: {}, enabled: true, intervalMinutes: 60 };
    await expect(service.create(judy, { ...base, templateRef: 'template:default/new-service' })).rejects.toThrow(
      /^templateRef: template:default\/new-service is not annotated portico.io\/schedulable/,
    );
    // Runnable by the promotions plugin alone: hidden from every user, so no one may schedule it.
    await expect(service.create(judy, { ...base, templateRef: 'template:default/promotion-deploy' })).rejects.toThrow(
      /^templateRef: template:default\/promotion-deploy is not a template you can run/,
    );
    await expect(service.create(judy, { ...base, templateRef: 'template:default/nope' })).rejects.toThrow(/^templateRef:/);
    await expect(service.create(judy, { ...base, templateRef: 'trivy-scan', intervalMinutes: undefined, cron: '61 * * * *' })).rejects.toThrow(/^cron: /);
    expect((await db.schedules.list({ limit: 10, offset: 0 })).totalCount).toBe(0);
  });

  it('pauses a schedule whose template lost its annotation, or was made a plugin\'s, and starts nothing', async () => {
    const { service, runner, notices, sent } = await setup();
    const created = await service.create(judy, { name: 'Scan', templateRef: 'trivy-scan', intervalMinutes: 30, parameters: {}, enabled: true });
    const index = entities.findIndex(e => e.metadata.name === 'trivy-scan');
    entities[index] = template('trivy-scan', { 'portico.io/schedulable': 'true', 'portico.io/runnable-by': 'plugin:promotions' });
    clock.advance(30 * MINUTE);
    await runner.tick();
    expect(scaffolder.created).toEqual([]);
    const view = await service.get(created.id);
    expect(view.enabled).toBe(false);
    expect(view.nextRunAt).toBeUndefined();
    expect(view.pausedReason).toBe('Paused: template:default/trivy-scan is runnable by plugin:promotions only');
    await notices.sendDue();
    expect(sent.map(n => n.payload.title)).toEqual(['Scheduled run of Scan failed']);
    clock.advance(60 * MINUTE);
    await runner.tick();
    expect(scaffolder.created).toEqual([]);
  });

  it('pauses a schedule when the person who vouched for it left the catalog; re-enabling makes the enabler vouch', async () => {
    const { service, runner } = await setup();
    const created = await service.create(judy, { name: 'Scan', templateRef: 'trivy-scan', intervalMinutes: 30, parameters: {}, enabled: true });
    entities.splice(entities.findIndex(e => e.kind === 'User' && e.metadata.name === 'judy'), 1);
    clock.advance(30 * MINUTE);
    await runner.tick();
    const paused = await service.get(created.id);
    expect(paused.pausedReason).toBe('Paused: user:default/judy, who last vouched for this schedule, is no longer in the catalog');

    const enabled = await service.update(ivan, created.id, { enabled: true });
    expect(enabled).toEqual(expect.objectContaining({ enabled: true, updatedBy: 'user:default/ivan', createdBy: 'user:default/judy' }));
    expect(enabled.pausedReason).toBeUndefined();
    expect(enabled.nextRunAt).toBe(new Date(clock.now() + 30 * MINUTE).toISOString());
    clock.advance(30 * MINUTE);
    await runner.tick();
    expect(scaffolder.created).toHaveLength(1);
  });

  it('a disabled schedule does not run; a deleted one takes its runs with it', async () => {
    const { service, runner, db } = await setup();
    const created = await service.create(judy, { name: 'Scan', templateRef: 'trivy-scan', cron: '*/10 * * * *', parameters: {}, enabled: true });
    await service.runNow(judy, created.id);
    const disabled = await service.update(judy, created.id, { enabled: false, cron: '0 * * * *' });
    expect(disabled).toEqual(expect.objectContaining({ enabled: false, cron: '0 * * * *', nextRunAt: undefined }));
    clock.advance(120 * MINUTE);
    await runner.tick();
    expect(scaffolder.created).toHaveLength(1);
    await service.delete(judy, created.id);
    await expect(service.get(created.id)).rejects.toThrow(/No schedule/);
    expect(await db.runs.forSchedule(created.id, 10)).toEqual([]);
  });

  it('a name is unique (409 naming the field)', async () => {
    const { service } = await setup();
    await service.create(judy, { name: 'Scan', templateRef: 'trivy-scan', intervalMinutes: 30, parameters: {}, enabled: false });
    await expect(
      service.create(ivan, { name: 'Scan', templateRef: 'trivy-scan', intervalMinutes: 60, parameters: {}, enabled: false }),
    ).rejects.toThrow(/^name: a schedule named Scan exists/);
  });
});

it('ran on the engines this machine has', () => {
  const ids = databases.eachSupportedId().map(([id]) => id);
  const expected = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'];
  expect(ids).toEqual(expect.arrayContaining(expected));
});
