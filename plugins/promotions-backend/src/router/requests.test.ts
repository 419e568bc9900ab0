import request from 'supertest';
import { OUTBOX_TABLE } from '@portico/portico-node';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  ACME_APPROVERS,
  auth,
  createPromotion,
  PromotionsTestBackend,
  startPromotionsTestBackend,
  VALID_REQUEST,
} from '../__testUtils__/promotionsTestBackend';
import { PROMOTIONS_TASKS } from '../plugin';

jest.setTimeout(120_000);

const databases = createPorticoTestDatabases();

async function eventsOf(backend: PromotionsTestBackend, subject: string) {
  const rows = await backend.knex(OUTBOX_TABLE).where({ subject }).orderBy('seq');
  return rows.map(row => ({ topic: row.topic, type: row.type, actor: row.actor, data: JSON.parse(row.payload).data }));
}

async function details(backend: PromotionsTestBackend, id: string, user = 'alice') {
  return (
    await request(backend.server).get(`/api/promotions/requests/${id}`).set('Authorization', auth(user)).expect(200)
  ).body;
}

describe.each(databases.eachSupportedId())('promotion requests on %p', databaseId => {
  let backend: PromotionsTestBackend;

  beforeAll(async () => {
    backend = await startPromotionsTestBackend(databases, databaseId, {
      config: { promotions: { gates: { 'version-not-deployed': { blocking: true } } } },
    });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  describe('create', () => {
    it('keeps every field, fills the environments from the chain and the tenant from the component', async () => {
      const res = await request(backend.server)
        .post('/api/promotions/requests')
        .set('Authorization', auth('alice'))
        .send({
          ...VALID_REQUEST,
          componentRef: 'payments-gateway',
          version: '3.1.0',
          gitRef: 'v3.1.0',
          changeWindow: { start: '2026-12-01T20:00:00Z', end: '2026-12-01T22:00:00Z' },
        })
        .expect(201);
      expect(res.body).toMatchObject({
        componentRef: 'component:default/payments-gateway',
        componentTitle: 'payments gateway',
        tenant: 'acme',
        version: '3.1.0',
        gitRef: 'v3.1.0',
        fromEnvironment: 'STAGING',
        toEnvironment: 'PROD',
        justification: VALID_REQUEST.justification,
        rollbackPlan: VALID_REQUEST.rollbackPlan,
        changeWindow: { start: '2026-12-01T20:00:00.000Z', end: '2026-12-01T22:00:00.000Z' },
        state: 'PENDING',
        approvals: [],
        attempts: [],
        timeline: [{ action: 'create', from: null, to: 'PENDING', actor: 'user:default/alice' }],
      });
      expect(await eventsOf(backend, res.body.id)).toEqual([
        expect.objectContaining({ topic: 'promotion-requests', type: 'request-created', actor: 'user:default/alice' }),
      ]);
    });

    it("takes the tenant from the owner group when the component has none", async () => {
      const created = await createPromotion(backend.server, 'alice', { componentRef: 'component:default/billing-batch' });
      expect((await details(backend, created.id)).tenant).toBe('acme');
    });

    it.each([
      [{ version: '' }, 'version'],
      [{ version: 'has space' }, 'version'],
      [{ justification: 'short' }, 'justification'],
      [{ rollbackPlan: undefined }, 'rollbackPlan'],
      [{ componentRef: 'api:default/payments-api' }, 'componentRef'],
      [{ componentRef: 'component:default/nope' }, 'componentRef'],
      [{ componentRef: 'component:default/notification-worker' }, 'componentRef: component:default/notification-worker has no tenant'],
      [{ toEnvironment: 'STAGING' }, 'toEnvironment'],
      [{ fromEnvironment: 'PROD' }, 'fromEnvironment'],
      [{ changeWindow: { start: '2026-12-01T22:00:00Z', end: '2026-12-01T20:00:00Z' } }, 'changeWindow.end'],
      [{ extra: 1 }, 'extra'],
    ])('refuses %j with a 400 naming %s, and writes nothing', async (patch, field) => {
      const before = await backend.knex('promotion_requests').count({ n: '*' });
      const res = await request(backend.server)
        .post('/api/promotions/requests')
        .set('Authorization', auth('alice'))
        .send({ ...VALID_REQUEST, ...patch });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
      expect(await backend.knex('promotion_requests').count({ n: '*' })).toEqual(before);
    });
  });

  describe('approval', () => {
    it('moves to APPROVED then DEPLOYING with one timeline entry and one event per transition', async () => {
      const created = await createPromotion(backend.server, 'alice');
      const res = await request(backend.server)
        .post(`/api/promotions/requests/${created.id}/approve`)
        .set('Authorization', auth('bob'))
        .send({ comment: 'Go' })
        .expect(200);
      expect(res.body.state).toBe('DEPLOYING');
      expect(res.body.timeline.map((t: any) => [t.action, t.from, t.to, t.actor])).toEqual([
        ['create', null, 'PENDING', 'user:default/alice'],
        ['approve', 'PENDING', 'APPROVED', 'user:default/bob'],
        ['deploy', 'APPROVED', 'DEPLOYING', 'system:promotions'],
      ]);
      expect(res.body.timeline[1].comment).toBe('Go');
      expect(res.body.attempts).toEqual([
        expect.objectContaining({ number: 1, executor: 'scaffolder', status: 'requested', requestedBy: 'user:default/bob' }),
      ]);
      const events = await eventsOf(backend, created.id);
      expect(events.map(e => `${e.topic}/${e.type}`)).toEqual([
        'promotion-requests/request-created',
        'promotion-requests/request-approved',
        'deploy-requests/deploy-requested',
      ]);
      expect(events[2].data).toMatchObject({
        requestId: created.id,
        attemptId: res.body.attempts[0].id,
        executor: 'scaffolder',
        template: 'template:default/promotion-deploy',
        componentRef: 'component:default/payments-gateway',
        toEnvironment: 'PROD',
        state: 'DEPLOYING',
      });
      // Every transition is audited.
      const audited = backend.audits
        .filter(a => a.eventId === 'promotion-transition' && (a.meta as any).requestId === created.id)
        .map(a => (a.meta as any).action);
      expect(audited).toEqual(['create', 'approve', 'deploy']);
    });

    it("takes the tenant from the owner group in the org; a component's own annotation that disagrees is refused", async () => {
      const res = await request(backend.server)
        .post('/api/promotions/requests')
        .set('Authorization', auth('alice'))
        .send({ ...VALID_REQUEST, componentRef: 'component:default/rogue-service', version: '6.6.6' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        "componentRef: component:default/rogue-service says tenant 'acme' (portico.io/tenant) but its owner group group:default/commerce-team belongs to tenant 'globex'; the org decides: fix the annotation",
      );
      const [{ n }] = await backend.knex('promotion_requests').where({ component_ref: 'component:default/rogue-service' }).count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('of 20 concurrent approvals, exactly one wins; the others get 409 with the current state', async () => {
      const created = await createPromotion(backend.server, 'alice');
      const responses = await Promise.all(
        ACME_APPROVERS.map(user =>
          request(backend.server)
            .post(`/api/promotions/requests/${created.id}/approve`)
            .set('Authorization', auth(user))
            .send({}),
        ),
      );
      const statuses = responses.map(r => r.status);
      expect(statuses.filter(s => s === 200)).toHaveLength(1);
      expect(statuses.filter(s => s === 409)).toHaveLength(19);
      for (const res of responses.filter(r => r.status === 409)) {
        expect(res.body.error.message).toMatch(/The promotion request is (now )?DEPLOYING/);
      }
      const after = await details(backend, created.id);
      expect(after.state).toBe('DEPLOYING');
      expect(after.approvals).toHaveLength(1);
      expect(after.attempts).toHaveLength(1);
      expect(after.timeline.map((t: any) => t.action)).toEqual(['create', 'approve', 'deploy']);
      expect((await eventsOf(backend, created.id)).map(e => e.type)).toEqual([
        'request-created',
        'request-approved',
        'deploy-requested',
      ]);
    });

    it('a rejection needs a comment, and an illegal transition is a 409 naming the state', async () => {
      const created = await createPromotion(backend.server, 'alice');
      const noReason = await request(backend.server)
        .post(`/api/promotions/requests/${created.id}/reject`)
        .set('Authorization', auth('bob'))
        .send({});
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toContain('comment');
      await request(backend.server)
        .post(`/api/promotions/requests/${created.id}/reject`)
        .set('Authorization', auth('bob'))
        .send({ comment: 'Missing load test evidence' })
        .expect(200);
      const again = await request(backend.server)
        .post(`/api/promotions/requests/${created.id}/approve`)
        .set('Authorization', auth('carol'))
        .send({});
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain('The promotion request is REJECTED');
      const retry = await request(backend.server)
        .post(`/api/promotions/requests/${created.id}/retry`)
        .set('Authorization', auth('alice'))
        .send({});
      expect(retry.status).toBe(409);
      expect(retry.body.error.message).toContain('REJECTED');
      expect((await eventsOf(backend, created.id)).map(e => e.type)).toEqual(['request-created', 'request-rejected']);
    });

    it('answers 404 for an unknown request and 400 for a malformed id', async () => {
      await request(backend.server)
        .post('/api/promotions/requests/00000000-0000-4000-8000-000000000000/approve')
        .set('Authorization', auth('bob'))
        .send({})
        .expect(404);
      const res = await request(backend.server).get('/api/promotions/requests/nope').set('Authorization', auth('bob'));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('id');
    });
  });

  describe('lists', () => {
    it('filters by state, component, tenant, mine and awaiting my approval, with a count', async () => {
      const mine = await createPromotion(backend.server, 'dave', { componentRef: 'component:default/customers-service' });
      const byFilter = async (user: string, query: Record<string, string>) =>
        (
          await request(backend.server)
            .get('/api/promotions/requests')
            .query({ limit: 100, ...query })
            .set('Authorization', auth(user))
            .expect(200)
        ).body;
      const daveMine = await byFilter('dave', { mine: 'true' });
      expect(daveMine.items.map((i: any) => i.id)).toEqual([mine.id]);
      const globex = await byFilter('alice', { tenant: 'globex' });
      expect(globex.items.every((i: any) => i.tenant === 'globex')).toBe(true);
      const byComponent = await byFilter('alice', { componentRef: 'customers-service' });
      expect(byComponent.items.map((i: any) => i.id)).toContain(mine.id);
      const rejected = await byFilter('alice', { state: 'REJECTED' });
      expect(rejected.items.every((i: any) => i.state === 'REJECTED')).toBe(true);

      // Erin approves globex; bob (acme) does not see dave's request as awaiting him.
      const erinAwaiting = await byFilter('erin', { awaitingMyApproval: 'true' });
      expect(erinAwaiting.items.map((i: any) => i.id)).toContain(mine.id);
      expect(erinAwaiting.items.every((i: any) => i.tenant === 'globex' && i.state === 'PENDING')).toBe(true);
      const bobAwaiting = await byFilter('bob', { awaitingMyApproval: 'true' });
      expect(bobAwaiting.items.map((i: any) => i.id)).not.toContain(mine.id);
      // Alice approves nothing: none await her.
      expect((await byFilter('alice', { awaitingMyApproval: 'true' })).totalCount).toBe(0);

      const count = async (user: string) =>
        (
          await request(backend.server)
            .get('/api/promotions/requests/count')
            .set('Authorization', auth(user))
            .expect(200)
        ).body.count;
      expect(await count('erin')).toBe(erinAwaiting.totalCount);
      expect(await count('alice')).toBe(0);
      const bobBefore = await count('bob');
      await createPromotion(backend.server, 'alice');
      expect(await count('bob')).toBe(bobBefore + 1);

      const bad = await request(backend.server)
        .get('/api/promotions/requests?state=DONE')
        .set('Authorization', auth('alice'));
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('state');
    });
  });

  describe('notifications', () => {
    it('tells the approvers about a new request, and the requester about the decision', async () => {
      const created = await createPromotion(backend.server, 'alice');
      await request(backend.server)
        .post(`/api/promotions/requests/${created.id}/reject`)
        .set('Authorization', auth('bob'))
        .send({ comment: 'Freeze week' })
        .expect(200);
      backend.sent.length = 0;
      await backend.scheduler.triggerTask('portico-outbox-relay');
      // The consumer queues the notices; they are sent outside its transaction.
      expect(backend.sent.filter(n => n.payload.link === `/promotions/${created.id}`)).toEqual([]);
      await backend.scheduler.triggerTask(PROMOTIONS_TASKS.notices);
      const forRequest = backend.sent.filter(n => n.payload.link === `/promotions/${created.id}`);
      expect(forRequest).toEqual([
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: ['group:default/cpi-tenant-acme', 'group:default/cpi-admin'],
            excludeEntityRef: ['user:default/alice'],
          },
          payload: expect.objectContaining({ title: expect.stringContaining('Promotion to approve') }),
        }),
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: ['user:default/alice'], excludeEntityRef: undefined },
          payload: expect.objectContaining({ title: expect.stringContaining('Promotion rejected'), description: expect.stringContaining('Freeze week') }),
        }),
      ]);
    });
  });
});

describe.each(databases.eachSupportedId())('two approvers for PROD on %p', databaseId => {
  let backend: PromotionsTestBackend;

  beforeAll(async () => {
    backend = await startPromotionsTestBackend(databases, databaseId, {
      config: { promotions: { targets: { PROD: { requiredApprovals: 2 } } } },
    });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('needs two distinct approvers, none of them the requester', async () => {
    const created = await createPromotion(backend.server, 'bob');
    expect((await details(backend, created.id)).requiredApprovals).toBe(2);
    await request(backend.server)
      .post(`/api/promotions/requests/${created.id}/approve`)
      .set('Authorization', auth('bob'))
      .send({})
      .expect(403);
    const first = await request(backend.server)
      .post(`/api/promotions/requests/${created.id}/approve`)
      .set('Authorization', auth('carol'))
      .send({})
      .expect(200);
    expect(first.body.state).toBe('PENDING');
    expect(first.body.approvals.map((a: any) => a.approver)).toEqual(['user:default/carol']);
    const twice = await request(backend.server)
      .post(`/api/promotions/requests/${created.id}/approve`)
      .set('Authorization', auth('carol'))
      .send({});
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('already approved');
    const second = await request(backend.server)
      .post(`/api/promotions/requests/${created.id}/approve`)
      .set('Authorization', auth('approver1'))
      .send({})
      .expect(200);
    expect(second.body.state).toBe('DEPLOYING');
    expect(second.body.timeline.map((t: any) => t.action)).toEqual(['create', 'approve', 'deploy']);
    expect((await eventsOf(backend, created.id)).find(e => e.type === 'request-approved')?.data.approvers).toEqual([
      'user:default/carol',
      'user:default/approver1',
    ]);
  });

  it('counts concurrent last approvals once', async () => {
    const created = await createPromotion(backend.server, 'alice');
    await request(backend.server)
      .post(`/api/promotions/requests/${created.id}/approve`)
      .set('Authorization', auth('carol'))
      .send({})
      .expect(200);
    const responses = await Promise.all(
      ACME_APPROVERS.slice(0, 10).map(user =>
        request(backend.server).post(`/api/promotions/requests/${created.id}/approve`).set('Authorization', auth(user)).send({}),
      ),
    );
    expect(responses.filter(r => r.status === 200)).toHaveLength(1);
    const after = await details(backend, created.id);
    expect(after.approvals).toHaveLength(2);
    expect(after.state).toBe('DEPLOYING');
    expect(after.attempts).toHaveLength(1);
  });
});
