import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { KnexServicedeskDatabase } from './KnexServicedeskDatabase';
import type { NewRequestRecord } from './ServicedeskStore';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();
const T0 = Date.parse('2026-11-02T09:00:00Z');
const HOUR = 3_600_000;

function request(overrides: Partial<NewRequestRecord> = {}): NewRequestRecord {
  return {
    requesterRef: 'user:default/alice',
    requesterEmail: 'alice@portico.example',
    serviceSlug: 'hardware_request',
    team: 'group:default/servicedesk-agents',
    priority: 'medium',
    status: 'new',
    title: 'A screen',
    formData: { item: 'monitor' },
    autoResolution: false,
    createdBy: 'user:default/alice',
    createdAt: T0,
    updatedAt: T0,
    slaHours: 48,
    slaDueAt: T0 + 48 * HOUR,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('KnexServicedeskDatabase on %p', databaseId => {
  let db: KnexServicedeskDatabase;

  beforeEach(async () => {
    const knex = await databases.init(databaseId);
    db = await KnexServicedeskDatabase.create({ knex });
  });

  it('numbers tickets SD-000001, SD-000002 and reads them back with their service name', async () => {
    const first = await db.requests.insert(request());
    const second = await db.requests.insert(request({ title: 'Another' }));
    expect(first.ticketId).toBe('SD-000001');
    expect(second.ticketId).toBe('SD-000002');
    expect(await db.requests.get(first.number)).toMatchObject({
      ticketId: 'SD-000001',
      serviceName: 'Hardware request',
      formData: { item: 'monitor' },
      autoResolution: false,
      slaDueAt: T0 + 48 * HOUR,
    });
  });

  it('counts resolved tickets per service and team in the database, from the period only', async () => {
    const resolve = async (overrides: Partial<NewRequestRecord>, resolvedAt: number, slaMet: boolean) => {
      const r = await db.requests.insert(request(overrides));
      await db.requests.update(r.number, { status: 'resolved', resolvedAt, slaMet });
    };
    await resolve({}, T0 + HOUR, true);
    await resolve({}, T0 + 2 * HOUR, false);
    await resolve({}, T0 - 40 * 24 * HOUR, true);
    await resolve({ team: 'group:default/hr-team', serviceSlug: 'user_onboarding' }, T0 + HOUR, true);
    await db.requests.insert(request());
    const counts = await db.requests.resolvedCountsSince(T0 - 30 * 24 * HOUR);
    expect(counts.sort((a, b) => a.team.localeCompare(b.team))).toEqual([
      { serviceSlug: 'user_onboarding', team: 'group:default/hr-team', resolved: 1, withinSla: 1 },
      { serviceSlug: 'hardware_request', team: 'group:default/servicedesk-agents', resolved: 2, withinSla: 1 },
    ]);
  });

  it('filters lists by requester, team, status, assignee and overdue (paused tickets are never overdue)', async () => {
    const late = await db.requests.insert(request({ slaDueAt: T0 + HOUR }));
    const paused = await db.requests.insert(request({ slaDueAt: T0 + HOUR, pausedSince: T0, pauseReason: 'waiting_on_requester' }));
    const onTime = await db.requests.insert(request({ assignedTo: 'user:default/heidi' }));
    await db.requests.insert(request({ requesterRef: 'user:default/bob', team: 'group:default/hr-team', serviceSlug: 'user_onboarding' }));
    const ids = async (filter: object) =>
      (await db.requests.list({ limit: 10, offset: 0, ...filter })).items.map(r => r.number).sort();

    expect(await ids({ overdueAt: T0 + 2 * HOUR })).toEqual([late.number]);
    expect(await ids({ assignedTo: 'user:default/heidi' })).toEqual([onTime.number]);
    expect(await ids({ assignedTo: null, teams: ['group:default/servicedesk-agents'] })).toEqual([late.number, paused.number]);
    expect(await ids({ requesterRef: 'user:default/bob' })).toHaveLength(1);
    expect((await db.requests.list({ limit: 1, offset: 0 })).totalCount).toBe(4);
    // The page carries each ticket's service name; the count is of the filtered tickets only.
    const bobs = await db.requests.list({ requesterRef: 'user:default/bob', limit: 1, offset: 0 });
    expect(bobs.totalCount).toBe(1);
    expect(bobs.items[0]).toMatchObject({ serviceSlug: 'user_onboarding', serviceName: 'User onboarding' });
    const newestFirst = await db.requests.list({ limit: 2, offset: 1 });
    expect(newestFirst.items.map(r => r.number)).toEqual([onTime.number, paused.number]);
    expect(await db.requests.dueForBreach(T0 + 2 * HOUR, 10)).toEqual([expect.objectContaining({ number: late.number })]);
  });

  it('keeps the pauses of a ticket and closes the running one', async () => {
    const r = await db.requests.insert(request());
    await db.requests.startPause(r.number, 'automation', T0);
    await db.requests.endPause(r.number, T0 + HOUR);
    await db.requests.startPause(r.number, 'waiting_on_requester', T0 + 2 * HOUR);
    expect(await db.requests.pauses(r.number)).toEqual([
      { reason: 'automation', startedAt: T0, endedAt: T0 + HOUR },
      { reason: 'waiting_on_requester', startedAt: T0 + 2 * HOUR, endedAt: undefined },
    ]);
  });

  it('ends a running action once (two followers cannot both finish it)', async () => {
    const r = await db.requests.insert(request({ autoResolution: true }));
    await db.actions.insert({
      id: '6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d',
      requestNumber: r.number,
      actionType: 'scaffolder-task',
      actionData: { templateRef: 'template:default/x', values: { a: 1 } },
      status: 'running',
      executedBy: 'user:default/alice',
      executedAt: T0,
    });
    await db.actions.setTaskId('6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d', 'task-1');
    expect(await db.actions.running(10)).toEqual([expect.objectContaining({ taskId: 'task-1' })]);
    expect(await db.actions.finish('6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d', { status: 'succeeded', finishedAt: T0 + 1, result: { summary: 'ok' } })).toBe(true);
    expect(await db.actions.finish('6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d', { status: 'failed', finishedAt: T0 + 2, errorMessage: 'late' })).toBe(false);
    expect(await db.actions.forRequest(r.number)).toEqual([
      expect.objectContaining({ status: 'succeeded', result: { summary: 'ok' }, finishedAt: T0 + 1 }),
    ]);
  });

  it('adds and edits services, and keeps the round-robin cursor per team', async () => {
    const service = (await db.services.get('hardware_request'))!;
    expect(await db.services.upsert({ ...service, slaHours: 24, active: false })).toBe('updated');
    expect(await db.services.get('hardware_request')).toMatchObject({ slaHours: 24, active: false });
    expect((await db.services.list()).map(s => s.slug)).not.toContain('hardware_request');
    expect(await db.services.upsert({ ...service, slug: 'desk_chairs', name: 'Desk chair' })).toBe('created');
    expect(await db.services.list({ includeInactive: true })).toHaveLength(11);

    await db.cursors.setLastAssignee('group:default/servicedesk-agents', 'user:default/heidi');
    await db.cursors.setLastAssignee('group:default/servicedesk-agents', 'user:default/ivan');
    expect(await db.cursors.lastAssignee('group:default/servicedesk-agents')).toBe('user:default/ivan');
    expect(await db.cursors.lastAssignee('group:default/hr-team')).toBeUndefined();
  });
});
