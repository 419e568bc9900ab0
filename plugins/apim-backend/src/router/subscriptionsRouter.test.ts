import { APIM_TASKS } from '../plugin';
import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  ApimTestBackend,
  auth,
  createApplication,
  startApimTestBackend,
  uniqueName,
} from '../__testUtils__/apimTestBackend';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())('apim routes: subscriptions on %p', databaseId => {
  let backend: ApimTestBackend;
  beforeAll(async () => {
    backend = await startApimTestBackend(databases, databaseId);
  });
  afterAll(() => backend.stop());

  const api = () => request(backend.server);
  const acmeApp = (environments = ['sandbox', 'staging', 'production']) =>
    createApplication(backend.server, 'alice', { name: uniqueName('acme'), owner: 'devops-acme', environments });
  const subscribe = (user: string, body: object) =>
    api().post('/api/apim/subscriptions').set('Authorization', auth(user)).send(body);
  const act = (user: string, id: string, action: string, body: object = {}) =>
    api().post(`/api/apim/subscriptions/${id}/${action}`).set('Authorization', auth(user)).send(body);
  const rows = async () => Number((await backend.knex('apim_subscriptions').count({ n: '*' }))[0].n);

  it('activates an auto plan at once, with its history and a subscription-created event', async () => {
    const app = await acmeApp();
    const res = await subscribe('alice', {
      applicationId: app.id,
      apiRef: 'api:default/payments-api',
      plan: 'free',
      environment: 'sandbox',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        applicationId: app.id,
        applicationName: app.name,
        applicationOwner: 'group:default/devops-acme',
        apiRef: 'api:default/payments-api',
        plan: 'free',
        environment: 'sandbox',
        state: 'active',
        requestedBy: 'user:default/alice',
        history: [{ from: null, to: 'active', actor: 'user:default/alice', at: expect.any(String) }],
      }),
    );
    const [event] = await backend.knex('portico_outbox').where({ subject: res.body.id });
    expect(JSON.parse(event.payload)).toEqual(
      expect.objectContaining({
        topic: 'subscription-created',
        type: 'subscription-created',
        tenant: 'acme',
        data: expect.objectContaining({
          subscriptionId: res.body.id,
          applicationId: app.id,
          apiRef: 'api:default/payments-api',
          plan: 'free',
          environment: 'sandbox',
          state: 'active',
          apiOwner: 'group:default/payments-team',
        }),
      }),
    );
  });

  it.each([
    [{ plan: 'platinum', environment: 'sandbox' }, 400, /^plan: 'platinum' is not a plan of api:default\/payments-api \(plans: free, gold\)/],
    [{ plan: 'free', environment: 'production' }, 400, /^environment: plan 'free' of api:default\/payments-api is not offered in production/],
    [{ plan: 'Free!', environment: 'sandbox' }, 400, /^plan: /],
    [{ plan: 'free', environment: 'moon' }, 400, /^environment: /],
    [{ plan: 'free', environment: 'sandbox', apiRef: 'api:default/nope-api' }, 404, /nope-api/],
  ])('refuses %j (%s), nothing written', async (body, status, message) => {
    const app = await acmeApp();
    const before = await rows();
    const res = await subscribe('alice', { applicationId: app.id, apiRef: 'payments-api', ...body });
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await rows()).toBe(before);
  });

  it('refuses an environment the application does not use (400)', async () => {
    const app = await acmeApp(['sandbox']);
    const res = await subscribe('alice', { applicationId: app.id, apiRef: 'payments-api', plan: 'gold', environment: 'production' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^environment: application '.*' does not use production \(it uses sandbox\)/);
  });

  it('allows one live subscription per application, API and environment (409)', async () => {
    const app = await acmeApp();
    const body = { applicationId: app.id, apiRef: 'payments-api', plan: 'gold', environment: 'production' };
    const first = await subscribe('alice', body);
    expect(first.status).toBe(201);
    const again = await subscribe('carol', { ...body, plan: 'gold' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(`already has a subscription to api:default/payments-api in production: ${first.body.id}, pending`);
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => subscribe('alice', { ...body, environment: 'staging' })),
    );
    expect(concurrent.map(r => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('refuses to subscribe without the permission, or an application of another group (403)', async () => {
    const app = await acmeApp();
    const body = { applicationId: app.id, apiRef: 'payments-api', plan: 'free', environment: 'sandbox' };
    const bob = await subscribe('bob', body);
    expect(bob.status).toBe(403);
    expect(bob.body.error.message).toBe('You need the apim.subscription.create permission');
    const dave = await subscribe('dave', body);
    expect(dave.status).toBe(403);
    expect(dave.body.error.message).toContain('Only members of group:default/devops-acme or portal admins can subscribe');
    const unknown = await subscribe('alice', { ...body, applicationId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
  });

  describe('manual plans', () => {
    async function pending() {
      const app = await acmeApp();
      const res = await subscribe('alice', { applicationId: app.id, apiRef: 'payments-api', plan: 'gold', environment: 'production' });
      expect(res.body.state).toBe('pending');
      return res.body as { id: string };
    }

    it('waits for the API owner group; the requester may never approve it, on any path', async () => {
      const sub = await pending();
      // Alice is in payments-team, the API's owner, but she asked for it.
      const self = await act('alice', sub.id, 'approve');
      expect(self.status).toBe(403);
      expect(self.body.error.message).toMatch(/You asked for this subscription, so you cannot have it approved/);
      const selfReject = await act('alice', sub.id, 'reject', { comment: 'never mind' });
      expect(selfReject.status).toBe(403);
      // Dave decides for commerce-team, not payments-team.
      const outsider = await act('dave', sub.id, 'approve');
      expect(outsider.status).toBe(403);
      expect(outsider.body.error.message).toContain('Only members of group:default/payments-team or portal admins can approve');
      // Carol is in the application's group but has no decide permission.
      expect((await act('carol', sub.id, 'approve')).status).toBe(403);
      expect((await backend.knex('apim_subscriptions').where({ id: sub.id }).first()).state).toBe('pending');

      const approved = await act('bob', sub.id, 'approve', { comment: 'Welcome' });
      expect(approved.status).toBe(200);
      expect(approved.body.state).toBe('active');
      expect(approved.body.history).toEqual([
        expect.objectContaining({ from: null, to: 'pending', actor: 'user:default/alice' }),
        expect.objectContaining({ from: 'pending', to: 'active', actor: 'user:default/bob', comment: 'Welcome' }),
      ]);
    });

    it('lets a portal admin decide, but not on their own request', async () => {
      const app = await createApplication(backend.server, 'judy', { name: uniqueName('admin'), owner: 'devops-acme', environments: ['production'] });
      const own = await subscribe('judy', { applicationId: app.id, apiRef: 'payments-api', plan: 'gold', environment: 'production' });
      expect((await act('judy', own.body.id, 'approve')).status).toBe(403);
      const other = await pending();
      expect((await act('judy', other.id, 'approve')).status).toBe(200);
    });

    it('needs a comment to reject (400, nothing changed)', async () => {
      const sub = await pending();
      for (const body of [{}, { comment: '   ' }]) {
        const res = await act('bob', sub.id, 'reject', body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^comment: /);
      }
      expect((await backend.knex('apim_subscriptions').where({ id: sub.id }).first()).state).toBe('pending');
      const rejected = await act('bob', sub.id, 'reject', { comment: 'Production needs a contract' });
      expect(rejected.status).toBe(200);
      expect(rejected.body.state).toBe('rejected');
    });

    it('gives exactly one of a concurrent approve and reject the win; the other gets 409', async () => {
      const sub = await pending();
      const [approve, reject] = await Promise.all([
        act('bob', sub.id, 'approve'),
        act('judy', sub.id, 'reject', { comment: 'no' }),
      ]);
      expect([approve.status, reject.status].sort()).toEqual([200, 409]);
      const loser = approve.status === 409 ? approve : reject;
      expect(loser.body.error.message).toMatch(/The subscription is (now )?(active|rejected)/);
      const history = await backend.knex('apim_subscription_history').where({ subscription_id: sub.id });
      expect(history).toHaveLength(2);
      const events = await backend.knex('portico_outbox').where({ subject: sub.id });
      expect(events).toHaveLength(2);
    });

    it('notifies the API owner group of a request and the requester of the decision', async () => {
      const sub = await pending();
      await act('bob', sub.id, 'reject', { comment: 'Ask for silver first' });
      backend.sent.length = 0;
      await backend.scheduler.triggerTask('portico-outbox-relay');
      // The consumer queues the notices; the notification outbox's task sends them.
      await backend.scheduler.triggerTask(APIM_TASKS.notifications);
      const mine = backend.sent.filter(n => n.payload.scope === sub.id);
      expect(mine).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: ['group:default/payments-team'],
            excludeEntityRef: ['user:default/alice'],
          },
          payload: expect.objectContaining({
            title: expect.stringMatching(/^Subscription request to approve: .* → api:default\/payments-api \(gold, production\)/),
            topic: 'subscription-created:subscription-created',
            link: '/applications',
          }),
        },
        {
          recipients: { type: 'entity', entityRef: ['user:default/alice'] },
          payload: expect.objectContaining({
            title: expect.stringMatching(/^Subscription rejected: /),
            description: 'user:default/bob: Ask for silver first',
            topic: 'subscription-created:subscription-rejected',
          }),
        },
      ]);
      // Redelivery changes nothing: the consumer remembers what it processed.
      backend.sent.length = 0;
      await backend.scheduler.triggerTask('portico-outbox-relay');
      // The consumer queues the notices; the notification outbox's task sends them.
      await backend.scheduler.triggerTask(APIM_TASKS.notifications);
      expect(backend.sent.filter(n => n.payload.scope === sub.id)).toEqual([]);
    });
  });

  it('suspends, resumes and revokes along the state machine; illegal moves are 409 naming the state', async () => {
    const app = await acmeApp();
    const sub = (
      await subscribe('alice', { applicationId: app.id, apiRef: 'payments-api', plan: 'free', environment: 'staging' })
    ).body;
    const resumeActive = await act('bob', sub.id, 'resume');
    expect(resumeActive.status).toBe(409);
    expect(resumeActive.body.error.message).toMatch(/^The subscription is active; it cannot be resumed \(possible from active: suspend, revoke\)/);
    // Suspending is the API owners' call, not the application's.
    expect((await act('carol', sub.id, 'suspend')).status).toBe(403);
    expect((await act('bob', sub.id, 'suspend', { comment: 'Too many 500s' })).body.state).toBe('suspended');
    expect((await act('bob', sub.id, 'approve')).status).toBe(409);
    expect((await act('bob', sub.id, 'resume')).body.state).toBe('active');
    // The application's owners may end it.
    const revoked = await act('carol', sub.id, 'revoke');
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    const again = await act('bob', sub.id, 'resume');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('revoked is final');
    const types = (await backend.knex('portico_outbox').where({ subject: sub.id }).orderBy('seq')).map(e => e.type);
    expect(types).toEqual([
      'subscription-created',
      'subscription-suspended',
      'subscription-resumed',
      'subscription-deleted',
    ]);
    expect((await act('bob', '00000000-0000-4000-8000-000000000000', 'suspend')).status).toBe(404);
    expect((await act('bob', 'nope', 'suspend')).status).toBe(400);
  });

  it('shows subscriptions to their application owners, their API owners and admins only', async () => {
    const acme = await acmeApp();
    const payments = (
      await subscribe('alice', { applicationId: acme.id, apiRef: 'payments-api', plan: 'gold', environment: 'sandbox' })
    ).body;
    const globexApp = await createApplication(backend.server, 'dave', { name: uniqueName('globex'), owner: 'devops-globex', environments: ['sandbox'] });
    const customers = (
      await subscribe('dave', { applicationId: globexApp.id, apiRef: 'customers-api', plan: 'basic', environment: 'sandbox' })
    ).body;

    const list = async (user: string, query = '') =>
      (await api().get(`/api/apim/subscriptions?limit=100${query}`).set('Authorization', auth(user))).body.items.map((s: any) => s.id);
    expect(await list('dave')).toContain(customers.id);
    expect(await list('dave')).not.toContain(payments.id);
    expect(await list('bob')).toContain(payments.id); // payments-team owns the API
    expect(await list('bob')).not.toContain(customers.id);
    expect(await list('judy')).toEqual(expect.arrayContaining([payments.id, customers.id]));
    expect(await list('bob', '&awaitingMyDecision=true')).toContain(payments.id);
    expect(await list('alice', '&awaitingMyDecision=true')).not.toContain(payments.id);
    expect(await list('dave', '&awaitingMyDecision=true')).not.toContain(payments.id);
    expect(await list('judy', `&applicationId=${acme.id}`)).toEqual([payments.id]);
    expect(await list('judy', '&apiRef=customers-api&state=active')).toContain(customers.id);

    await api().get(`/api/apim/subscriptions/${payments.id}`).set('Authorization', auth('bob')).expect(200);
    await api().get(`/api/apim/subscriptions/${payments.id}`).set('Authorization', auth('dave')).expect(403);
    await api().get('/api/apim/subscriptions/00000000-0000-4000-8000-000000000000').set('Authorization', auth('bob')).expect(404);
    const bad = await api().get('/api/apim/subscriptions?state=gone').set('Authorization', auth('bob'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^state: /);
  });

  it('gives gateways the active subscriptions with their plan limits', async () => {
    const app = await acmeApp();
    await subscribe('alice', { applicationId: app.id, apiRef: 'payments-api', plan: 'free', environment: 'sandbox' });
    const key = await api().post(`/api/apim/applications/${app.id}/keys`).set('Authorization', auth('alice')).send({ environment: 'sandbox' });
    const res = await api()
      .post('/api/apim/keys/verify')
      .set('Authorization', mockCredentials.service.header())
      .send({ key: key.body.secret, environment: 'sandbox', apiRef: 'payments-api' });
    expect(res.body).toEqual({
      valid: true,
      application: { id: app.id, name: app.name, owner: 'group:default/devops-acme' },
      environment: 'sandbox',
      keyId: key.body.key.id,
      subscriptions: [
        {
          subscriptionId: expect.any(String),
          apiRef: 'api:default/payments-api',
          plan: 'free',
          rateLimit: { requests: 10, per: 'second' },
          quota: { requests: 10000, per: 'month' },
        },
      ],
    });
    const otherApi = await api()
      .post('/api/apim/keys/verify')
      .set('Authorization', mockCredentials.service.header())
      .send({ key: key.body.secret, environment: 'sandbox', apiRef: 'customers-api' });
    expect(otherApi.body).toEqual({ valid: false });
  });
});
