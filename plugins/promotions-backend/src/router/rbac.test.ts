import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  auth,
  createPromotion,
  PromotionsTestBackend,
  startPromotionsTestBackend,
  VALID_REQUEST,
} from '../__testUtils__/promotionsTestBackend';

jest.setTimeout(120_000);

const databases = createPorticoTestDatabases();

/**
 * The RBAC matrix, role x action, on an acme request made by alice (devops-acme):
 * - devops (alice, dave) create for their tenant only and never approve;
 * - CPI of the tenant (bob) and CPI admin (carol) create and approve, never their own request;
 * - CPI of another tenant (erin), security (frank), portal admin without a CPI role (judy) and
 *   a user without roles (mallory) cannot decide.
 */
const CREATE: Array<[string, number]> = [
  ['alice', 201],
  ['bob', 201],
  ['carol', 201],
  ['dave', 403],
  ['erin', 403],
  ['frank', 403],
  ['judy', 403],
  ['mallory', 403],
];
const DECIDE: Array<[string, number]> = [
  ['alice', 403],
  ['bob', 200],
  ['carol', 200],
  ['dave', 403],
  ['erin', 403],
  ['frank', 403],
  ['judy', 403],
  ['mallory', 403],
];
const READ: Array<[string, number]> = [
  ['alice', 200],
  ['dave', 200],
  ['frank', 200],
  ['mallory', 403],
];

describe.each(databases.eachSupportedId())('promotions RBAC on %p', databaseId => {
  let backend: PromotionsTestBackend;

  beforeAll(async () => {
    backend = await startPromotionsTestBackend(databases, databaseId);
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('needs a signed-in user', async () => {
    const none = mockCredentials.none.header();
    const list = await request(backend.server).get('/api/promotions/requests').set('Authorization', none);
    const create = await request(backend.server).post('/api/promotions/requests').set('Authorization', none).send(VALID_REQUEST);
    expect([list.status, create.status]).toEqual([401, 401]);
  });

  it.each(CREATE.filter(([, status]) => status === 201))('create an acme promotion as %s: %d', async (user, status) => {
    const res = await request(backend.server)
      .post('/api/promotions/requests')
      .set('Authorization', auth(user))
      .send({ ...VALID_REQUEST, version: `2.0.0-${user}` });
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({
      state: 'PENDING',
      tenant: 'acme',
      requestedBy: `user:default/${user}`,
      fromEnvironment: 'STAGING',
      toEnvironment: 'PROD',
      requiredApprovals: 1,
    });
  });

  it.each(CREATE.filter(([, status]) => status === 403))('create an acme promotion as %s: %d', async (user, status) => {
    const res = await request(backend.server)
      .post('/api/promotions/requests')
      .set('Authorization', auth(user))
      .send({ ...VALID_REQUEST, version: `2.0.0-${user}` });
    expect(res.status).toBe(status);
    expect(res.body.error.name).toBe('NotAllowedError');
  });

  it('says why a devops of another tenant is refused', async () => {
    const res = await request(backend.server)
      .post('/api/promotions/requests')
      .set('Authorization', auth('dave'))
      .send(VALID_REQUEST);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("tenant 'acme'");
  });

  it.each(DECIDE)('approve alice’s acme promotion as %s: %d', async (user, status) => {
    const created = await createPromotion(backend.server, 'alice');
    const res = await request(backend.server)
      .post(`/api/promotions/requests/${created.id}/approve`)
      .set('Authorization', auth(user))
      .send({ comment: 'ok' });
    expect(res.status).toBe(status);
    const after = await request(backend.server)
      .get(`/api/promotions/requests/${created.id}`)
      .set('Authorization', auth('alice'))
      .expect(200);
    expect(after.body.state).toBe(status === 200 ? 'DEPLOYING' : 'PENDING');
    expect(after.body.approvals).toHaveLength(status === 200 ? 1 : 0);
  });

  it.each(DECIDE)('reject alice’s acme promotion as %s: %d', async (user, status) => {
    const created = await createPromotion(backend.server, 'alice');
    const res = await request(backend.server)
      .post(`/api/promotions/requests/${created.id}/reject`)
      .set('Authorization', auth(user))
      .send({ comment: 'Not during the freeze' });
    expect(res.status).toBe(status);
    expect(res.body.state ?? res.body.error.name).toBe(status === 200 ? 'REJECTED' : 'NotAllowedError');
  });

  it.each(READ)('read promotions as %s: %d', async (user, status) => {
    const res = await request(backend.server).get('/api/promotions/requests').set('Authorization', auth(user));
    expect(res.status).toBe(status);
  });

  it.each(['bob', 'carol'])('refuses %s approving or rejecting their own request (anti-self-approval)', async user => {
    const created = await createPromotion(backend.server, user);
    for (const action of ['approve', 'reject']) {
      const res = await request(backend.server)
        .post(`/api/promotions/requests/${created.id}/${action}`)
        .set('Authorization', auth(user))
        .send({ comment: 'looks fine to me' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('You requested this promotion');
    }
    const after = await request(backend.server)
      .get(`/api/promotions/requests/${created.id}`)
      .set('Authorization', auth(user))
      .expect(200);
    expect(after.body.state).toBe('PENDING');
    expect(after.body.timeline).toHaveLength(1);
    expect(after.body.permittedActions).toEqual([]);
    // The refusal is audited.
    expect(backend.audits).toContainEqual(
      expect.objectContaining({
        eventId: 'promotion-decision',
        meta: { requestId: created.id, action: 'approve', actor: `user:default/${user}` },
      }),
    );
  });

  it('offers approve and reject only to those who may', async () => {
    const created = await createPromotion(backend.server, 'alice');
    const actionsOf = async (user: string) =>
      (
        await request(backend.server)
          .get(`/api/promotions/requests/${created.id}`)
          .set('Authorization', auth(user))
          .expect(200)
      ).body.permittedActions;
    expect(await actionsOf('alice')).toEqual([]);
    expect(await actionsOf('bob')).toEqual(['approve', 'reject']);
    expect(await actionsOf('carol')).toEqual(['approve', 'reject']);
    expect(await actionsOf('erin')).toEqual([]);
    expect(await actionsOf('judy')).toEqual([]);
  });

  it('refuses the deployment callback to users', async () => {
    const created = await createPromotion(backend.server, 'alice');
    const res = await request(backend.server)
      .post(`/api/promotions/requests/${created.id}/deployment`)
      .set('Authorization', auth('carol'))
      .send({ attemptId: created.id, status: 'succeeded' });
    expect([401, 403]).toContain(res.status);
  });
});
