import request from 'supertest';
import { setupServer } from 'msw/node';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { SERVICEDESK_TASKS } from '../plugin';
import {
  auth,
  FakeScaffolder,
  HOUR,
  startServicedeskTestBackend,
  ServicedeskTestBackend,
} from '../__testUtils__/servicedeskTestBackend';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => msw.close());

const HARDWARE = {
  service: 'hardware_request',
  title: 'A second screen',
  priority: 'medium',
  formData: { item: 'monitor', quantity: 1, deliveryLocation: 'Lyon, 3rd floor' },
};
const INCIDENT = {
  service: 'incident_report',
  title: 'Checkout returns 502',
  priority: 'high',
  formData: { severity: 'high', affectedService: 'checkout' },
};

describe.each(databases.eachSupportedId())('service desk on %p', databaseId => {
  let backend: ServicedeskTestBackend;
  let scaffolder: FakeScaffolder;

  beforeEach(async () => {
    backend = await startServicedeskTestBackend(databases, databaseId);
    scaffolder = new FakeScaffolder();
    scaffolder.install(msw);
  });
  afterEach(async () => {
    msw.resetHandlers();
    await backend.stop();
  });

  const as = (name: string) => ({
    get: (path: string) => request(backend.server).get(`/api/servicedesk${path}`).set('Authorization', auth(name)),
    post: (path: string, body?: object) =>
      request(backend.server).post(`/api/servicedesk${path}`).set('Authorization', auth(name)).send(body ?? {}),
    put: (path: string, body?: object) =>
      request(backend.server).put(`/api/servicedesk${path}`).set('Authorization', auth(name)).send(body ?? {}),
  });
  const follow = () => backend.scheduler.triggerTask(SERVICEDESK_TASKS.followAutomation);
  const events = async () =>
    (await backend.knex('portico_outbox').orderBy('seq')).map((row: any) => `${row.type} ${row.subject}`);

  it('seeds the ten services of the seed, with their teams, SLAs and workflows', async () => {
    const res = await as('alice').get('/services');
    expect(res.status).toBe(200);
    const bySlug = Object.fromEntries(res.body.items.map((s: any) => [s.slug, s]));
    expect(Object.keys(bySlug).sort()).toEqual([
      'access_request', 'email_distribution', 'hardware_request', 'incident_report', 'password_reset',
      'sharepoint_create', 'teams_channel', 'user_offboarding', 'user_onboarding', 'vpn_access',
    ]);
    expect(bySlug.password_reset).toMatchObject({ category: 'IT', autoExecutable: true, slaHours: 1 });
    expect(bySlug.user_onboarding).toMatchObject({ category: 'HR', autoExecutable: false, slaHours: 24, team: 'group:default/hr-team' });
    expect(bySlug.hardware_request).toMatchObject({ autoExecutable: false, slaHours: 48, team: 'group:default/servicedesk-agents' });
    expect(bySlug.incident_report.workflowRef).toBe('template:default/servicedesk-incident-report');
  });

  it('files a manual request: ticket id at once, round-robin over the team, team notified, event', async () => {
    const first = await as('alice').post('/requests', HARDWARE);
    expect(first.status).toBe(201);
    expect(first.body.ticketId).toMatch(/^SD-\d{6}$/);
    expect(first.body).toMatchObject({ status: 'new', assignedTo: 'user:default/heidi', requester: 'user:default/alice' });
    expect(first.body.sla).toMatchObject({ hours: 48, paused: false, remainingMs: 48 * HOUR });

    const second = await as('bob').post('/requests', HARDWARE);
    const third = await as('bob').post('/requests', HARDWARE);
    expect(second.body.assignedTo).toBe('user:default/ivan');
    expect(third.body.assignedTo).toBe('user:default/heidi');

    expect(backend.sent.some(n => n.recipients.type === 'entity' && (n.recipients.entityRef as string[]).includes('group:default/servicedesk-agents'))).toBe(true);
    expect(await events()).toEqual(
      expect.arrayContaining([`request-created ${first.body.ticketId}`, `request-assigned ${first.body.ticketId}`]),
    );
  });

  it('leaves the ticket in the queue when the team has no members', async () => {
    await as('judy').put('/services/desk_chairs', {
      name: 'Desk chair', category: 'Facilities', team: 'group:default/empty-team', slaHours: 72,
      autoExecutable: false, formSchema: { type: 'object', properties: {} },
    });
    const res = await as('alice').post('/requests', { service: 'desk_chairs', title: 'My chair is broken' });
    expect(res.status).toBe(201);
    expect(res.body.assignedTo).toBeUndefined();
    expect(res.body.status).toBe('new');
  });

  it('validates the form against the service schema on the server, naming the field', async () => {
    const missing = await as('alice').post('/requests', { ...HARDWARE, formData: { item: 'monitor', quantity: 1 } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^formData\.deliveryLocation: /);
    const wrong = await as('alice').post('/requests', { ...HARDWARE, formData: { ...HARDWARE.formData, quantity: 50 } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/^formData\.quantity: /);
    const unknown = await as('alice').post('/requests', { ...HARDWARE, service: 'coffee' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^service: /);
    expect(await backend.knex('servicedesk_requests').count({ n: '*' })).toEqual([{ n: expect.anything() }]);
    const [{ n }] = await backend.knex('servicedesk_requests').count({ n: '*' });
    expect(Number(n)).toBe(0);
  });

  it('runs an auto service: task started by the service desk itself, resolved with its output', async () => {
    const res = await as('alice').post('/requests', INCIDENT);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'in_progress', autoResolution: true });
    expect(res.body.sla).toMatchObject({ paused: true, pauseReason: 'automation' });
    expect(scaffolder.created).toHaveLength(1);
    const task = scaffolder.created[0];
    expect(task.templateRef).toBe('template:default/servicedesk-incident-report');
    expect(task.values).toMatchObject({ severity: 'high', affectedService: 'checkout', ticketId: res.body.ticketId });
    // The service desk's own token: its auto-fulfilment templates are runnable by it alone.
    expect(task.authorization).toContain('plugin:servicedesk');
    expect(task.authorization).not.toContain('user:default/alice');

    // The template's first step checks with the service desk: only the scaffolder running this
    // ticket's automation gets a yes, and the automation is bound to that one task.
    const verify = (who: string, body: Record<string, unknown>) =>
      request(backend.server)
        .post(`/api/servicedesk/requests/${res.body.ticketId}/automation/verify`)
        .set(
          'Authorization',
          who.startsWith('user:')
            ? mockCredentials.user.header(who)
            : mockCredentials.service.header({ onBehalfOf: mockCredentials.service(who), targetPluginId: 'servicedesk' }),
        )
        .send(body);
    const claim = { templateRef: 'template:default/servicedesk-incident-report', taskId: 'task-1' };
    expect((await verify('user:default/alice', claim)).status).toBe(403);
    expect((await verify('external:test-service', claim)).status).toBe(403);
    const wrongTemplate = await verify('plugin:scaffolder', { ...claim, templateRef: 'template:default/servicedesk-vpn-access' });
    expect(wrongTemplate.status).toBe(409);
    expect(wrongTemplate.body.error.message).toContain('not template:default/servicedesk-vpn-access');
    expect((await verify('plugin:scaffolder', claim)).body).toEqual({ ticketId: res.body.ticketId, templateRef: claim.templateRef, taskId: 'task-1' });
    const second = await verify('plugin:scaffolder', { ...claim, taskId: 'task-99' });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('task task-1');

    backend.clock.advance(10 * 60_000);
    await follow();
    let ticket = (await as('alice').get(`/requests/${res.body.ticketId}`)).body;
    expect(ticket.status).toBe('in_progress');
    expect(ticket.actions[0]).toMatchObject({ status: 'running', taskId: 'task-1', taskLogPath: '/create/tasks/task-1' });

    scaffolder.finish('task-1', { status: 'completed', output: { summary: 'Incident INC-1 filed with severity high; SRE notified' } });
    await follow();
    ticket = (await as('alice').get(`/requests/${res.body.ticketId}`)).body;
    expect(ticket).toMatchObject({ status: 'resolved', resolutionNotes: 'Incident INC-1 filed with severity high; SRE notified' });
    expect(ticket.actions[0]).toMatchObject({ status: 'succeeded', result: { summary: expect.stringContaining('INC-1') } });
    // The automation's ten minutes were a pause: the hour of SLA is intact, and met.
    expect(ticket.sla).toMatchObject({ paused: false, met: true, remainingMs: HOUR });
    expect(ticket.sla.pauses).toEqual([expect.objectContaining({ reason: 'automation', endedAt: expect.any(String) })]);
    expect(await events()).toEqual([
      `request-created ${res.body.ticketId}`,
      `action-succeeded ${res.body.ticketId}`,
      `request-resolved ${res.body.ticketId}`,
    ]);
    expect(backend.sent.some(n => (n.recipients as any).entityRef?.includes('user:default/alice') && n.payload.title.includes('resolved'))).toBe(true);
  });

  it('hands a failed automation to the team: action failed with its error, ticket in the queue with the task log', async () => {
    const res = await as('alice').post('/requests', {
      service: 'password_reset', title: 'Locked out', formData: { account: 'alice@portico.example' },
    });
    scaffolder.finish('task-1', { status: 'failed', error: 'Microsoft Graph is not configured (integrations.m365)' });
    await follow();
    const ticket = (await as('heidi').get(`/requests/${res.body.ticketId}`)).body;
    expect(ticket.status).toBe('failed');
    expect(ticket.actions[0]).toMatchObject({ status: 'failed', errorMessage: expect.stringContaining('not configured') });
    expect(ticket.history.at(-1).note).toContain('/create/tasks/task-1');
    const queue = await as('heidi').get('/requests?scope=queue&status=failed');
    expect(queue.body.items.map((t: any) => t.ticketId)).toContain(res.body.ticketId);
    expect(await events()).toContain(`action-failed ${res.body.ticketId}`);
    // An agent takes it over.
    const claimed = await as('heidi').post(`/requests/${res.body.ticketId}/claim`);
    expect(claimed.body).toMatchObject({ status: 'in_progress', assignedTo: 'user:default/heidi' });
  });

  it('fails the action at once when the template cannot be started', async () => {
    scaffolder.missingTemplates.add('template:default/servicedesk-vpn-access');
    const res = await as('alice').post('/requests', { service: 'vpn_access', title: 'VPN for my laptop', formData: { device: 'laptop' } });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('failed');
    expect(res.body.actions[0]).toMatchObject({ status: 'failed', errorMessage: expect.stringContaining('Could not start') });
  });

  it('keeps a cancelled ticket cancelled when its automation ends, and fails an action whose task never started', async () => {
    const { body } = await as('alice').post('/requests', INCIDENT);
    expect((await as('alice').post(`/requests/${body.ticketId}/status`, { status: 'cancelled' })).status).toBe(200);
    scaffolder.finish('task-1', { status: 'completed', output: { summary: 'Filed' } });
    await follow();
    const cancelled = (await as('alice').get(`/requests/${body.ticketId}`)).body;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.actions[0].status).toBe('succeeded');

    // A crash between the commit and the task's start leaves a running action without a task.
    const { body: second } = await as('alice').post('/requests', INCIDENT);
    await backend.knex('servicedesk_actions').where({ task_id: 'task-2' }).update({ task_id: null });
    await follow();
    expect((await as('alice').get(`/requests/${second.ticketId}`)).body.status).toBe('in_progress');
    backend.clock.advance(6 * 60_000);
    await follow();
    const lost = (await as('heidi').get(`/requests/${second.ticketId}`)).body;
    expect(lost.status).toBe('failed');
    expect(lost.actions[0].errorMessage).toMatch(/never started/);
  });

  it('lets an agent claim, comment internally and publicly, and resolve; the requester sees the resolution', async () => {
    const { body: filed } = await as('alice').post('/requests', HARDWARE);
    const id = filed.ticketId;
    expect((await as('ivan').post(`/requests/${id}/claim`)).body).toMatchObject({ status: 'in_progress', assignedTo: 'user:default/ivan' });
    expect((await as('ivan').post(`/requests/${id}/comments`, { body: 'Stock is low', visibility: 'internal' })).status).toBe(201);
    expect((await as('ivan').post(`/requests/${id}/comments`, { body: 'Ordered, arrives Monday' })).status).toBe(201);

    const noNotes = await as('ivan').post(`/requests/${id}/status`, { status: 'resolved' });
    expect(noNotes.status).toBe(400);
    expect(noNotes.body.error.message).toMatch(/^note: /);
    const resolved = await as('ivan').post(`/requests/${id}/status`, { status: 'resolved', note: 'Delivered to your desk' });
    expect(resolved.status).toBe(200);

    const seen = (await as('alice').get(`/requests/${id}`)).body;
    expect(seen).toMatchObject({ status: 'resolved', resolutionNotes: 'Delivered to your desk' });
    expect(seen.comments.map((c: any) => c.body)).toEqual(['Ordered, arrives Monday']);
    expect(seen.can).toMatchObject({ work: false, commentInternal: false });
    const mine = (await as('alice').get('/requests?scope=mine')).body;
    expect(mine.items[0]).toMatchObject({ ticketId: id, status: 'resolved' });
    expect(await events()).toContain(`request-resolved ${id}`);
  });

  it('enforces the allowed transitions', async () => {
    const { body } = await as('alice').post('/requests', HARDWARE);
    const id = body.ticketId;
    await as('heidi').post(`/requests/${id}/status`, { status: 'cancelled', note: 'Duplicate' });
    const reopen = await as('heidi').post(`/requests/${id}/status`, { status: 'in_progress' });
    expect(reopen.status).toBe(409);
    const bogus = await as('heidi').post(`/requests/${id}/status`, { status: 'done' });
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.message).toMatch(/^status: /);
  });

  it('pauses the SLA while waiting on the requester and breaches it, once, when it runs out', async () => {
    const { body } = await as('alice').post('/requests', HARDWARE);
    const id = body.ticketId;
    backend.clock.advance(10 * HOUR);
    await as('heidi').post(`/requests/${id}/status`, { status: 'waiting_on_requester', note: 'Which model?' });
    backend.clock.advance(30 * HOUR);
    let ticket = (await as('alice').get(`/requests/${id}`)).body;
    expect(ticket.sla).toMatchObject({ paused: true, pauseReason: 'waiting_on_requester', remainingMs: 38 * HOUR });
    await backend.scheduler.triggerTask(SERVICEDESK_TASKS.slaMonitor);
    expect(await events()).not.toContain(`sla-breached ${id}`);

    // The requester answers: the clock runs again from where it stopped.
    await as('alice').post(`/requests/${id}/comments`, { body: 'The 27 inch one' });
    ticket = (await as('alice').get(`/requests/${id}`)).body;
    expect(ticket.status).toBe('in_progress');
    expect(ticket.sla).toMatchObject({ paused: false, remainingMs: 38 * HOUR });
    expect(ticket.sla.pauses).toHaveLength(1);

    backend.clock.advance(39 * HOUR);
    await backend.scheduler.triggerTask(SERVICEDESK_TASKS.slaMonitor);
    await backend.scheduler.triggerTask(SERVICEDESK_TASKS.slaMonitor);
    expect((await events()).filter(e => e === `sla-breached ${id}`)).toHaveLength(1);
    ticket = (await as('heidi').get(`/requests/${id}`)).body;
    expect(ticket.sla.remainingMs).toBe(-1 * HOUR);
    expect(ticket.sla.breachedAt).toBeDefined();
    expect(backend.sent.some(n => n.payload.title === `${id}: SLA breached`)).toBe(true);
    const overdue = (await as('heidi').get('/requests?scope=queue&overdue=true')).body;
    expect(overdue.items.map((t: any) => t.ticketId)).toEqual([id]);

    await as('heidi').post(`/requests/${id}/status`, { status: 'resolved', note: 'Late, sorry' });
    const report = (await as('heidi').get('/reports/sla')).body;
    expect(report.byService.find((r: any) => r.key === 'hardware_request')).toMatchObject({ resolved: 1, withinSla: 0, compliance: 0 });
  });

  it('computes compliance per service and per team over 30 days', async () => {
    for (const hours of [1, 60]) {
      const { body } = await as('alice').post('/requests', HARDWARE);
      backend.clock.advance(hours * HOUR);
      await as('heidi').post(`/requests/${body.ticketId}/status`, { status: 'resolved', note: 'Done' });
    }
    const report = (await as('heidi').get('/reports/sla')).body;
    expect(report.byService).toEqual([expect.objectContaining({ key: 'hardware_request', resolved: 2, withinSla: 1, compliance: 0.5 })]);
    expect(report.byTeam).toEqual([expect.objectContaining({ key: 'group:default/servicedesk-agents', compliance: 0.5 })]);
    backend.clock.advance(31 * 24 * HOUR);
    expect((await as('heidi').get('/reports/sla')).body.byService).toEqual([]);
  });

  it('accepts the seed body from a service caller and names the wrong field', async () => {
    const seedBody = {
      requester_email: 'alice@portico.example',
      service: 'access_request',
      title: 'Access to the finance share',
      description: 'Read access for the quarter close',
      priority: 'high',
    };
    const svc = mockCredentials.service.header();
    const missingForm = await request(backend.server).post('/api/servicedesk/requests').set('Authorization', svc).send(seedBody);
    expect(missingForm.status).toBe(400);
    expect(missingForm.body.error.message).toMatch(/^formData\.resource: /);

    const hardware = await request(backend.server)
      .post('/api/servicedesk/requests')
      .set('Authorization', svc)
      .send({ ...seedBody, service: 'user_onboarding', formData: undefined })
      .send({ requester_email: 'alice@portico.example', service: 'hardware_request', title: 'Laptop', priority: 'low', description: 'x', formData: HARDWARE.formData });
    expect(hardware.status).toBe(201);
    expect(hardware.body).toMatchObject({ requester: 'user:default/alice', createdBy: 'external:test-service' });

    const noEmail = await request(backend.server).post('/api/servicedesk/requests').set('Authorization', svc).send({ service: 'hardware_request', title: 'Laptop' });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error.message).toMatch(/^requester_email: /);
    const badEmail = await request(backend.server).post('/api/servicedesk/requests').set('Authorization', svc).send({ ...seedBody, requester_email: 'nope' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.message).toMatch(/^requester_email: /);
    const badPriority = await request(backend.server).post('/api/servicedesk/requests').set('Authorization', svc).send({ ...seedBody, priority: 'urgent' });
    expect(badPriority.status).toBe(400);
    expect(badPriority.body.error.message).toMatch(/^priority: /);

    // A user may not file on behalf of someone else.
    const spoof = await as('bob').post('/requests', { ...HARDWARE, requester_email: 'alice@portico.example' });
    expect(spoof.status).toBe(400);
  });

  it('takes requests on behalf of someone only from the services named in servicedesk.intake.allowedSubjects', async () => {
    const body = { requester_email: 'alice@portico.example', service: 'hardware_request', title: 'Laptop', priority: 'low', description: 'x', formData: HARDWARE.formData };
    const before = Number((await backend.knex('servicedesk_requests').count({ n: '*' }))[0].n);
    const unnamed = mockCredentials.service.header({ onBehalfOf: mockCredentials.service('external:forms-clone'), targetPluginId: 'servicedesk' });
    const refused = await request(backend.server).post('/api/servicedesk/requests').set('Authorization', unnamed).send(body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("servicedesk.intake.allowedSubjects' (external:test-service)");
    expect(backend.audits).toContainEqual(
      expect.objectContaining({
        eventId: 'service-caller-refused',
        meta: expect.objectContaining({ caller: 'external:forms-clone', configKey: 'servicedesk.intake.allowedSubjects' }),
      }),
    );
    expect(Number((await backend.knex('servicedesk_requests').count({ n: '*' }))[0].n)).toBe(before);
  });

  describe('permission matrix', () => {
    it.each([
      // who, what, expected status
      ['anonymous', 'list services', 401],
      ['mallory', 'list services', 403],
      ['mallory', 'file a request', 403],
      ['alice', 'see the queue', 403],
      ['grace', 'see the queue', 403],
      ['heidi', 'see the queue', 200],
      ['alice', 'edit a service', 403],
      ['heidi', 'edit a service', 403],
      ['judy', 'edit a service', 200],
      ['alice', 'read the SLA report', 403],
      ['heidi', 'read the SLA report', 200],
    ])('%s may %s: %i', async (who, what, expected) => {
      const agent = request(backend.server);
      const authHeader = who === 'anonymous' ? mockCredentials.none.header() : auth(who);
      const withAuth = (r: request.Test) => r.set('Authorization', authHeader);
      const res = await {
        'list services': () => withAuth(agent.get('/api/servicedesk/services')),
        'file a request': () => withAuth(agent.post('/api/servicedesk/requests')).send(HARDWARE),
        'see the queue': () => withAuth(agent.get('/api/servicedesk/requests?scope=queue')),
        'edit a service': () =>
          withAuth(agent.put('/api/servicedesk/services/hardware_request')).send({
            name: 'Hardware request', category: 'IT', team: 'group:default/servicedesk-agents', slaHours: 24,
            autoExecutable: false, formSchema: { type: 'object', properties: {} },
          }),
        'read the SLA report': () => withAuth(agent.get('/api/servicedesk/reports/sla')),
      }[what]!();
      expect(res.status).toBe(expected);
    });

    it('shows a ticket only to its requester, its team and portal admins; internal comments only to the team', async () => {
      const { body } = await as('alice').post('/requests', HARDWARE);
      const id = body.ticketId;
      await as('heidi').post(`/requests/${id}/comments`, { body: 'internal note', visibility: 'internal' });
      expect((await as('bob').get(`/requests/${id}`)).status).toBe(403);
      expect((await as('grace').post(`/requests/${id}/claim`)).status).toBe(403);
      expect((await as('alice').post(`/requests/${id}/claim`)).status).toBe(403);
      expect((await as('alice').post(`/requests/${id}/comments`, { body: 'x', visibility: 'internal' })).status).toBe(403);
      expect((await as('alice').post(`/requests/${id}/status`, { status: 'resolved', note: 'self-service' })).status).toBe(403);
      expect((await as('judy').get(`/requests/${id}`)).body.comments).toHaveLength(1);
      expect((await as('alice').get(`/requests/${id}`)).body.comments).toHaveLength(0);
      // HR agents do not work IT tickets.
      const hr = await as('heidi').get('/requests?scope=queue&team=group:default/hr-team');
      expect(hr.status).toBe(200);
      expect((await as('ivan').get('/requests?scope=queue&team=group:default/hr-team')).status).toBe(403);
      // Assigning to someone outside the team is refused, naming the field.
      const outside = await as('heidi').post(`/requests/${id}/assign`, { assignee: 'user:default/alice' });
      expect(outside.status).toBe(400);
      expect(outside.body.error.message).toMatch(/^assignee: /);
      expect((await as('heidi').post(`/requests/${id}/assign`, { assignee: 'user:default/ivan' })).body.assignedTo).toBe('user:default/ivan');
    });
  });
});
