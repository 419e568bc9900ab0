import request from 'supertest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockCredentials } from '@backstage/backend-test-utils';
import { OUTBOX_TABLE } from '@portico/portico-node';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  auth,
  createPromotion,
  PromotionsTestBackend,
  SCAFFOLDER_URL,
  startPromotionsTestBackend,
} from '../__testUtils__/promotionsTestBackend';
import { PROMOTIONS_TASKS } from '../plugin';

jest.setTimeout(120_000);

const databases = createPorticoTestDatabases();

/** The scaffolder's REST API at the network boundary: tasks created and their status. */
const tasks = new Map<string, { status: string; body: any }>();
let refuseTasks = false;
const scaffolder = setupServer(
  http.post(`${SCAFFOLDER_URL}/v2/tasks`, async ({ request: req }) => {
    if (!req.headers.get('authorization')?.startsWith('Bearer ')) return new HttpResponse(null, { status: 401 });
    if (refuseTasks) {
      return HttpResponse.json({ error: { name: 'NotFoundError', message: 'Template not found' } }, { status: 404 });
    }
    const id = `task-${tasks.size + 1}`;
    tasks.set(id, { status: 'processing', body: await req.json() });
    return HttpResponse.json({ id }, { status: 201 });
  }),
  http.get(`${SCAFFOLDER_URL}/v2/tasks/:id`, ({ params }) => {
    const task = tasks.get(String(params.id));
    return task ? HttpResponse.json({ id: params.id, status: task.status }) : new HttpResponse(null, { status: 404 });
  }),
);

beforeAll(() => scaffolder.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => {
  refuseTasks = false;
});
afterAll(() => scaffolder.close());

async function approved(backend: PromotionsTestBackend, requester = 'alice') {
  const created = await createPromotion(backend.server, requester);
  const res = await request(backend.server)
    .post(`/api/promotions/requests/${created.id}/approve`)
    .set('Authorization', auth('bob'))
    .send({})
    .expect(200);
  return res.body as { id: string; attempts: Array<{ id: string }> };
}

async function details(backend: PromotionsTestBackend, id: string) {
  return (
    await request(backend.server).get(`/api/promotions/requests/${id}`).set('Authorization', auth('alice')).expect(200)
  ).body;
}

async function eventTypes(backend: PromotionsTestBackend, subject: string) {
  return (await backend.knex(OUTBOX_TABLE).where({ subject }).orderBy('seq')).map(r => r.type);
}

const follow = (backend: PromotionsTestBackend) => backend.scheduler.triggerTask(PROMOTIONS_TASKS.follower);

describe.each(databases.eachSupportedId())('built-in scaffolder executor on %p', databaseId => {
  let backend: PromotionsTestBackend;

  beforeAll(async () => {
    backend = await startPromotionsTestBackend(databases, databaseId, {
      config: { promotions: { retryWindowHours: 1 } },
    });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('runs the configured template with the request as parameters and follows the task to DEPLOYED', async () => {
    const request_ = await approved(backend);
    await follow(backend);
    let after = await details(backend, request_.id);
    expect(after.state).toBe('DEPLOYING');
    const attempt = after.attempts[0];
    expect(attempt).toMatchObject({ status: 'running', executor: 'scaffolder' });
    expect(attempt.taskId).toMatch(/^task-/);
    expect(attempt.logsUrl).toBe(`http://portal.test/create/tasks/${attempt.taskId}`);
    expect(tasks.get(attempt.taskId)!.body).toEqual({
      templateRef: 'template:default/promotion-deploy',
      values: expect.objectContaining({
        requestId: request_.id,
        attemptId: attempt.id,
        attempt: 1,
        componentRef: 'component:default/payments-gateway',
        fromEnvironment: 'STAGING',
        toEnvironment: 'PROD',
        tenant: 'acme',
      }),
    });

    // Still processing: nothing moves.
    await follow(backend);
    expect((await details(backend, request_.id)).state).toBe('DEPLOYING');

    tasks.get(attempt.taskId)!.status = 'completed';
    await follow(backend);
    after = await details(backend, request_.id);
    expect(after.state).toBe('DEPLOYED');
    expect(after.attempts[0].status).toBe('succeeded');
    expect(after.timeline.map((t: any) => `${t.from}>${t.to}`)).toEqual([
      'null>PENDING',
      'PENDING>APPROVED',
      'APPROVED>DEPLOYING',
      'DEPLOYING>DEPLOYED',
    ]);
    expect(await eventTypes(backend, request_.id)).toEqual([
      'request-created',
      'request-approved',
      'deploy-requested',
      'deployment-succeeded',
    ]);
    // Once done, the follower leaves it alone.
    await follow(backend);
    expect(await eventTypes(backend, request_.id)).toHaveLength(4);
  });

  it('marks a failed task FAILED, and a retry makes a new attempt on the same approval', async () => {
    const request_ = await approved(backend);
    await follow(backend);
    const first = (await details(backend, request_.id)).attempts[0];
    tasks.get(first.taskId)!.status = 'failed';
    await follow(backend);
    let after = await details(backend, request_.id);
    expect(after.state).toBe('FAILED');
    expect(after.attempts[0]).toMatchObject({ status: 'failed', message: expect.stringContaining('failed') });
    expect(after.permittedActions).toEqual(['retry']);

    // Another tenant's devops may not retry it.
    await request(backend.server)
      .post(`/api/promotions/requests/${request_.id}/retry`)
      .set('Authorization', auth('dave'))
      .send({})
      .expect(403);
    const retried = await request(backend.server)
      .post(`/api/promotions/requests/${request_.id}/retry`)
      .set('Authorization', auth('alice'))
      .send({ comment: 'The cluster is back' })
      .expect(200);
    expect(retried.body.state).toBe('DEPLOYING');
    expect(retried.body.attempts.map((a: any) => [a.number, a.status])).toEqual([
      [1, 'failed'],
      [2, 'requested'],
    ]);
    expect(retried.body.approvals).toHaveLength(1);
    await follow(backend);
    after = await details(backend, request_.id);
    tasks.get(after.attempts[1].taskId)!.status = 'completed';
    await follow(backend);
    after = await details(backend, request_.id);
    expect(after.state).toBe('DEPLOYED');
    expect(after.timeline.map((t: any) => t.action)).toEqual(['create', 'approve', 'deploy', 'fail', 'retry', 'succeed']);
    expect(await eventTypes(backend, request_.id)).toEqual([
      'request-created',
      'request-approved',
      'deploy-requested',
      'deployment-failed',
      'deploy-requested',
      'deployment-succeeded',
    ]);
  });

  it('refuses a retry once the retry window has closed', async () => {
    const request_ = await approved(backend);
    refuseTasks = true;
    await follow(backend);
    const failed = await details(backend, request_.id);
    expect(failed.state).toBe('FAILED');
    expect(failed.attempts[0].message).toContain('could not start');
    // The approval was two hours ago: past the one-hour window.
    await backend.knex('promotion_requests').where({ id: request_.id }).update({ approved_at: Date.now() - 2 * 3_600_000 });
    const res = await request(backend.server)
      .post(`/api/promotions/requests/${request_.id}/retry`)
      .set('Authorization', auth('alice'))
      .send({});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('retry window closed');
    expect((await details(backend, request_.id)).permittedActions).toEqual([]);
  });

  it('fails an attempt that has had no answer within the deployment timeout', async () => {
    const request_ = await approved(backend);
    await follow(backend);
    await backend.knex('promotion_deployment_attempts')
      .where({ request_id: request_.id })
      .update({ created_at: Date.now() - 31 * 60_000 });
    await follow(backend);
    const after = await details(backend, request_.id);
    expect(after.state).toBe('FAILED');
    expect(after.attempts[0].message).toContain('Timed out');
    expect(after.timeline.at(-1)).toMatchObject({ action: 'fail', actor: 'system:promotions', comment: expect.stringContaining('30 minute') });
  });
});

describe.each(databases.eachSupportedId())('external executor on %p', databaseId => {
  let backend: PromotionsTestBackend;
  const awx = mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('external:awx'),
    targetPluginId: 'promotions',
  });

  beforeAll(async () => {
    backend = await startPromotionsTestBackend(databases, databaseId, {
      config: { promotions: { targets: { PROD: { executor: 'external', executorSubjects: ['external:awx'] } } } },
    });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const report = (id: string, body: Record<string, unknown>, authorization = awx) =>
    request(backend.server).post(`/api/promotions/requests/${id}/deployment`).set('Authorization', authorization).send(body);

  it('waits for the callback, which is idempotent', async () => {
    const request_ = await approved(backend);
    const attemptId = request_.attempts[0].id;
    await follow(backend);
    expect((await details(backend, request_.id)).attempts[0].status).toBe('requested');

    const running = await report(request_.id, { attemptId, status: 'running', logsUrl: 'https://awx.example/jobs/42', externalId: '42' });
    expect(running.status).toBe(200);
    expect(running.body.attempts[0]).toMatchObject({ status: 'running', logsUrl: 'https://awx.example/jobs/42', externalId: '42' });
    await report(request_.id, { attemptId, status: 'running' }).expect(200);

    const done = await Promise.all([
      report(request_.id, { attemptId, status: 'succeeded', logsUrl: 'https://awx.example/jobs/42' }),
      report(request_.id, { attemptId, status: 'succeeded', logsUrl: 'https://awx.example/jobs/42' }),
    ]);
    expect(done.map(r => r.status)).toEqual([200, 200]);
    await report(request_.id, { attemptId, status: 'succeeded' }).expect(200);
    const after = await details(backend, request_.id);
    expect(after.state).toBe('DEPLOYED');
    expect(after.timeline.filter((t: any) => t.action === 'succeed')).toHaveLength(1);
    expect((await eventTypes(backend, request_.id)).filter(t => t === 'deployment-succeeded')).toHaveLength(1);
    expect(after.timeline.at(-1).actor).toBe('service:external:awx');

    const contradiction = await report(request_.id, { attemptId, status: 'failed' });
    expect(contradiction.status).toBe(409);
    expect(contradiction.body.error.message).toContain('already succeeded');
  });

  it('accepts only the executors named for the target environment; others get 403 and an audit record', async () => {
    const request_ = await approved(backend);
    const attemptId = request_.attempts[0].id;
    const jenkins = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('external:jenkins'),
      targetPluginId: 'promotions',
    });
    const plugin = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:catalog'),
      targetPluginId: 'promotions',
    });
    for (const authorization of [jenkins, plugin]) {
      const refused = await report(request_.id, { attemptId, status: 'succeeded' }, authorization);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain("promotions.targets.PROD.executorSubjects' (external:awx)");
    }
    // An unknown request tells an unnamed service nothing either.
    await report('00000000-0000-4000-8000-000000000000', { attemptId, status: 'succeeded' }, jenkins).expect(403);
    expect(backend.audits.filter(a => a.eventId === 'service-caller-refused').map(a => a.meta?.caller)).toEqual([
      'external:jenkins',
      'plugin:catalog',
      'external:jenkins',
    ]);
    const after = await details(backend, request_.id);
    expect(after.state).toBe('DEPLOYING');
    expect(after.attempts[0].status).toBe('requested');
  });

  it('reports a failure with its message', async () => {
    const request_ = await approved(backend);
    const attemptId = request_.attempts[0].id;
    await report(request_.id, { attemptId, status: 'failed', message: 'Playbook failed on host web-2' }).expect(200);
    await report(request_.id, { attemptId, status: 'failed', message: 'Playbook failed on host web-2' }).expect(200);
    const after = await details(backend, request_.id);
    expect(after.state).toBe('FAILED');
    expect(after.attempts[0].message).toBe('Playbook failed on host web-2');
    expect((await eventTypes(backend, request_.id)).filter(t => t === 'deployment-failed')).toHaveLength(1);
  });

  it('refuses users, unknown attempts and malformed reports', async () => {
    const request_ = await approved(backend);
    const attemptId = request_.attempts[0].id;
    const asUser = await report(request_.id, { attemptId, status: 'succeeded' }, auth('carol'));
    expect([401, 403]).toContain(asUser.status);
    await report(request_.id, { attemptId: '00000000-0000-4000-8000-000000000000', status: 'succeeded' }).expect(404);
    const bad = await report(request_.id, { attemptId, status: 'done' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('status');
    const other = await approved(backend);
    await report(other.id, { attemptId, status: 'succeeded' }).expect(404);
    expect((await details(backend, request_.id)).state).toBe('DEPLOYING');
  });
});
