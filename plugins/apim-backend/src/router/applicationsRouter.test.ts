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

describe.each(databases.eachSupportedId())('apim routes: applications on %p', databaseId => {
  let backend: ApimTestBackend;
  beforeAll(async () => {
    backend = await startApimTestBackend(databases, databaseId);
  });
  afterAll(() => backend.stop());

  const api = () => request(backend.server);
  const counts = async () => ({
    applications: Number((await backend.knex('apim_applications').count({ n: '*' }))[0].n),
    events: Number((await backend.knex('portico_outbox').count({ n: '*' }))[0].n),
  });

  it('creates an application owned by one of my groups and publishes application-created', async () => {
    const name = uniqueName('storefront');
    const res = await api()
      .post('/api/apim/applications')
      .set('Authorization', auth('alice'))
      .send({ name, description: 'The web shop', owner: 'devops-acme', environments: ['sandbox', 'production'] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name,
      description: 'The web shop',
      owner: 'group:default/devops-acme',
      environments: ['sandbox', 'production'],
      createdBy: 'user:default/alice',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const [event] = await backend.knex('portico_outbox').where({ subject: res.body.id });
    expect(event).toEqual(expect.objectContaining({ topic: 'application-created', type: 'application-created', actor: 'user:default/alice' }));
    expect(JSON.parse(event.payload).data).toEqual(
      expect.objectContaining({ applicationId: res.body.id, name, owner: 'group:default/devops-acme' }),
    );
  });

  it('refuses an owner group I am not in (403), unless I am a portal admin', async () => {
    const before = await counts();
    const res = await api()
      .post('/api/apim/applications')
      .set('Authorization', auth('dave'))
      .send({ name: uniqueName('x'), owner: 'payments-team', environments: ['sandbox'] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/^owner: you can only create applications owned by one of your groups/);
    expect(await counts()).toEqual(before);

    const admin = await api()
      .post('/api/apim/applications')
      .set('Authorization', auth('judy'))
      .send({ name: uniqueName('ops'), owner: 'group:default/commerce-team', environments: ['sandbox'] });
    expect(admin.status).toBe(201);
    const unknownGroup = await api()
      .post('/api/apim/applications')
      .set('Authorization', auth('judy'))
      .send({ name: uniqueName('ops'), owner: 'no-such-team', environments: ['sandbox'] });
    expect(unknownGroup.status).toBe(400);
    expect(unknownGroup.body.error.message).toMatch(/^owner: there is no group group:default\/no-such-team/);
  });

  it.each([
    [{ name: 'Bad Name', owner: 'devops-acme', environments: ['sandbox'] }, /^name: /],
    [{ name: 'ok-name', owner: 'devops-acme', environments: [] }, /^environments: /],
    [{ name: 'ok-name', owner: 'devops-acme', environments: ['moon'] }, /^environments\.0: /],
    [{ name: 'ok-name', owner: 'devops-acme' }, /^environments: /],
    [{ name: 'ok-name', owner: 'not a ref!', environments: ['sandbox'] }, /^owner: /],
    [{ name: 'ok-name', owner: 'devops-acme', environments: ['sandbox'], colour: 'red' }, /colour/],
  ])('400 naming the field for %j, nothing written', async (body, message) => {
    const before = await counts();
    const res = await api().post('/api/apim/applications').set('Authorization', auth('alice')).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('keeps names unique per owner group (409)', async () => {
    const name = uniqueName('dup');
    await createApplication(backend.server, 'alice', { name, owner: 'devops-acme', environments: ['sandbox'] });
    const again = await api()
      .post('/api/apim/applications')
      .set('Authorization', auth('carol'))
      .send({ name, owner: 'devops-acme', environments: ['sandbox'] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(`already has an application named '${name}'`);
    await createApplication(backend.server, 'alice', { name, owner: 'payments-team', environments: ['sandbox'] });
  });

  it('lists by owner and mine, paged', async () => {
    const globex = await createApplication(backend.server, 'dave', {
      name: uniqueName('globex'),
      owner: 'devops-globex',
      environments: ['sandbox'],
    });
    const mine = await api().get('/api/apim/applications?mine=true&limit=100').set('Authorization', auth('dave'));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((a: any) => a.id)).toContain(globex.id);
    expect(mine.body.items.every((a: any) => ['group:default/devops-globex', 'group:default/commerce-team'].includes(a.owner))).toBe(true);

    const byOwner = await api()
      .get('/api/apim/applications?owner=devops-globex')
      .set('Authorization', auth('alice'));
    expect(byOwner.body.items.map((a: any) => a.owner)).toEqual(
      byOwner.body.items.map(() => 'group:default/devops-globex'),
    );
    const page = await api().get('/api/apim/applications?limit=1&offset=0').set('Authorization', auth('alice'));
    expect(page.body).toEqual(expect.objectContaining({ limit: 1, offset: 0, items: [expect.any(Object)] }));
    expect(page.body.totalCount).toBeGreaterThan(1);
    const bad = await api().get('/api/apim/applications?mine=yes').set('Authorization', auth('alice'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^mine: /);
  });

  it('gets one, 404 when unknown, 400 for a bad id', async () => {
    const app = await createApplication(backend.server, 'alice', { name: uniqueName('get'), owner: 'devops-acme', environments: ['sandbox'] });
    const res = await api().get(`/api/apim/applications/${app.id}`).set('Authorization', auth('dave'));
    expect(res.status).toBe(200);
    expect(res.body.name).toBe(app.name);
    await api()
      .get('/api/apim/applications/00000000-0000-4000-8000-000000000000')
      .set('Authorization', auth('alice'))
      .expect(404);
    const bad = await api().get('/api/apim/applications/nope').set('Authorization', auth('alice'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^id: /);
  });

  it('lets only owner-group members or portal admins change it', async () => {
    const app = await createApplication(backend.server, 'alice', { name: uniqueName('upd'), owner: 'devops-acme', environments: ['sandbox'] });
    const outsider = await api().patch(`/api/apim/applications/${app.id}`).set('Authorization', auth('bob')).send({ description: 'mine now' });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toContain('Only members of group:default/devops-acme or portal admins');

    const member = await api()
      .patch(`/api/apim/applications/${app.id}`)
      .set('Authorization', auth('carol'))
      .send({ description: 'Updated', environments: ['sandbox', 'staging'] });
    expect(member.status).toBe(200);
    expect(member.body).toEqual(expect.objectContaining({ description: 'Updated', environments: ['sandbox', 'staging'] }));
    const admin = await api().patch(`/api/apim/applications/${app.id}`).set('Authorization', auth('judy')).send({ description: '' });
    expect(admin.status).toBe(200);
    expect(admin.body.description).toBeUndefined();
    const bad = await api().patch(`/api/apim/applications/${app.id}`).set('Authorization', auth('alice')).send({ name: 'renamed' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('name');
  });

  it('refuses to drop an environment that still has a live subscription (409)', async () => {
    const app = await createApplication(backend.server, 'alice', { name: uniqueName('envs'), owner: 'devops-acme', environments: ['sandbox', 'staging'] });
    await api()
      .post('/api/apim/subscriptions')
      .set('Authorization', auth('alice'))
      .send({ applicationId: app.id, apiRef: 'payments-api', plan: 'free', environment: 'staging' })
      .expect(201);
    const res = await api().patch(`/api/apim/applications/${app.id}`).set('Authorization', auth('alice')).send({ environments: ['sandbox'] });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/^environments: staging still has a subscription to api:default\/payments-api \(active\)/);
  });

  it('deletes: keys revoked, subscriptions ended, events published, in one go; only by its owners', async () => {
    const app = await createApplication(backend.server, 'alice', { name: uniqueName('del'), owner: 'devops-acme', environments: ['sandbox', 'production'] });
    const auto = await api()
      .post('/api/apim/subscriptions')
      .set('Authorization', auth('alice'))
      .send({ applicationId: app.id, apiRef: 'payments-api', plan: 'free', environment: 'sandbox' });
    const manual = await api()
      .post('/api/apim/subscriptions')
      .set('Authorization', auth('alice'))
      .send({ applicationId: app.id, apiRef: 'payments-api', plan: 'gold', environment: 'production' });
    expect([auto.body.state, manual.body.state]).toEqual(['active', 'pending']);
    const key = await api().post(`/api/apim/applications/${app.id}/keys`).set('Authorization', auth('alice')).send({ environment: 'sandbox' });
    expect(key.status).toBe(201);

    await api().delete(`/api/apim/applications/${app.id}`).set('Authorization', auth('dave')).expect(403);
    await api().delete(`/api/apim/applications/${app.id}`).set('Authorization', auth('carol')).expect(204);

    await api().get(`/api/apim/applications/${app.id}`).set('Authorization', auth('alice')).expect(404);
    await api().delete(`/api/apim/applications/${app.id}`).set('Authorization', auth('alice')).expect(404);
    const keyRow = await backend.knex('apim_api_keys').where({ id: key.body.key.id }).first();
    expect(keyRow.revoked_at).not.toBeNull();
    const subs = await backend.knex('apim_subscriptions').where({ application_id: app.id }).orderBy('created_at');
    expect(subs.map(s => s.state)).toEqual(['revoked', 'revoked']);
    const history = await backend.knex('apim_subscription_history').where({ subscription_id: manual.body.id }).orderBy('seq');
    expect(history.map(h => [h.from_state, h.to_state, h.actor])).toEqual([
      [null, 'pending', 'user:default/alice'],
      ['pending', 'revoked', 'user:default/carol'],
    ]);
    const events = await backend.knex('portico_outbox').whereIn('subject', [app.id, auto.body.id, manual.body.id]).orderBy('seq');
    expect(events.map(e => e.type)).toEqual([
      'application-created',
      'subscription-created',
      'subscription-created',
      'api-key-created',
      'subscription-deleted',
      'subscription-deleted',
      'application-deleted',
    ]);
    expect(JSON.parse(events[6].payload).data).toEqual(
      expect.objectContaining({ revokedKeyIds: [key.body.key.id], endedSubscriptionIds: expect.arrayContaining([auto.body.id, manual.body.id]) }),
    );
    const verify = await api()
      .post('/api/apim/keys/verify')
      .set('Authorization', mockCredentials.service.header())
      .send({ key: key.body.secret, environment: 'sandbox' });
    expect(verify.body).toEqual({ valid: false });
    // The name is free again.
    await createApplication(backend.server, 'alice', { name: app.name, owner: 'devops-acme', environments: ['sandbox'] });
  });
});
