import { createHash } from 'crypto';
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
import { APIM_TASKS } from '../plugin';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Moves `Date` only; timers, I/O and the database keep real time. */
function travelBy(ms: number) {
  jest.useFakeTimers({
    now: Date.now() + ms,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

describe.each(databases.eachSupportedId())('apim routes: API keys on %p', databaseId => {
  let backend: ApimTestBackend;
  beforeAll(async () => {
    backend = await startApimTestBackend(databases, databaseId, {
      config: { apim: { keys: { rotationGraceHours: 24, expiryNoticeDays: 7 } } },
    });
  });
  afterAll(() => backend.stop());
  afterEach(() => jest.useRealTimers());

  const api = () => request(backend.server);
  const verifyRaw = (body: object) =>
    api().post('/api/apim/keys/verify').set('Authorization', mockCredentials.service.header()).send(body);
  const ENVIRONMENT_OF: Record<string, string> = { sbx: 'sandbox', stg: 'staging', prod: 'production' };
  /** As a gateway calls it: with the environment it serves (by default the key's own). */
  const verify = (body: { key: string; environment?: string }) =>
    verifyRaw({ environment: ENVIRONMENT_OF[body.key.split('_')[1]] ?? 'sandbox', ...body });

  async function subscribedApp(environments = ['sandbox', 'production']) {
    const app = await createApplication(backend.server, 'alice', { name: uniqueName('keys'), owner: 'devops-acme', environments });
    await api()
      .post('/api/apim/subscriptions')
      .set('Authorization', auth('alice'))
      .send({ applicationId: app.id, apiRef: 'payments-api', plan: 'free', environment: 'sandbox' })
      .expect(201);
    return app;
  }
  const createKey = (appId: string, body: object, user = 'alice') =>
    api().post(`/api/apim/applications/${appId}/keys`).set('Authorization', auth(user)).send(body);

  it('issues a recognisable, checksummed key, shown once, stored only as a hash', async () => {
    const app = await subscribedApp();
    const res = await createKey(app.id, { environment: 'production' });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { key, secret } = res.body;
    expect(secret).toMatch(/^pt_prod_[0-9A-Za-z]{38}$/);
    expect(key).toEqual({
      id: expect.any(String),
      applicationId: app.id,
      environment: 'production',
      prefix: secret.slice(0, 12),
      last4: secret.slice(-4),
      status: 'active',
      createdAt: expect.any(String),
      createdBy: 'user:default/alice',
    });

    const listed = await api().get(`/api/apim/applications/${app.id}/keys`).set('Authorization', auth('carol'));
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([key]);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(12, 40));

    const row = await backend.knex('apim_api_keys').where({ id: key.id }).first();
    expect(row.key_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    const everything = JSON.stringify([
      await backend.knex('apim_api_keys').select(),
      await backend.knex('portico_outbox').select(),
    ]);
    expect(everything).not.toContain(secret.slice(8));
  });

  it('lets only the owner group or admins see and manage keys', async () => {
    const app = await subscribedApp();
    const key = (await createKey(app.id, { environment: 'sandbox' })).body;
    await api().get(`/api/apim/applications/${app.id}/keys`).set('Authorization', auth('dave')).expect(403);
    expect((await createKey(app.id, { environment: 'sandbox' }, 'dave')).status).toBe(403);
    await api().post(`/api/apim/keys/${key.key.id}/rotate`).set('Authorization', auth('dave')).send({}).expect(403);
    await api().post(`/api/apim/keys/${key.key.id}/revoke`).set('Authorization', auth('bob')).expect(403);
    await api().get(`/api/apim/applications/${app.id}/keys`).set('Authorization', auth('judy')).expect(200);
  });

  it.each([
    [{ environment: 'moon' }, /^environment: /],
    [{ environment: 'sandbox', expiresInDays: 0 }, /^expiresInDays: /],
    [{ environment: 'sandbox', expiresInDays: 'soon' }, /^expiresInDays: /],
    [{}, /^environment: /],
  ])('400 for %j, nothing written', async (body, message) => {
    const app = await subscribedApp();
    const res = await createKey(app.id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await backend.knex('apim_api_keys').where({ application_id: app.id })).toEqual([]);
  });

  it('refuses a key for an environment the application does not use; 404 for an unknown application', async () => {
    const app = await subscribedApp(['sandbox']);
    const res = await createKey(app.id, { environment: 'production' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^environment: /);
    expect((await createKey('00000000-0000-4000-8000-000000000000', { environment: 'sandbox' })).status).toBe(404);
  });

  it('verifies a key, and gives the same answer for every key that does not grant access', async () => {
    const app = await subscribedApp();
    const sandbox = (await createKey(app.id, { environment: 'sandbox' })).body.secret;
    const production = (await createKey(app.id, { environment: 'production' })).body.secret;
    const revoked = (await createKey(app.id, { environment: 'sandbox' })).body;
    await api().post(`/api/apim/keys/${revoked.key.id}/revoke`).set('Authorization', auth('alice')).expect(200);

    const ok = await verify({ key: sandbox, environment: 'sandbox' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(expect.objectContaining({ valid: true, environment: 'sandbox' }));
    expect(ok.body.subscriptions.map((s: any) => s.plan)).toEqual(['free']);
    // A production key answers with the production subscriptions: none here.
    expect((await verify({ key: production, environment: 'production' })).body).toEqual(expect.objectContaining({ valid: true, subscriptions: [] }));

    const typo = sandbox.slice(0, 10) + (sandbox[10] === 'a' ? 'b' : 'a') + sandbox.slice(11);
    const unknownButWellFormed = (await createKey(app.id, { environment: 'sandbox' })).body;
    await backend.knex('apim_api_keys').where({ id: unknownButWellFormed.key.id }).delete();
    const invalid = [
      { key: 'not-a-key', environment: 'sandbox' },
      { key: typo, environment: 'sandbox' },
      { key: unknownButWellFormed.secret, environment: 'sandbox' },
      { key: revoked.secret, environment: 'sandbox' },
      // Production and sandbox keys are never interchangeable.
      { key: sandbox, environment: 'production' },
      { key: production, environment: 'sandbox' },
      { key: sandbox.replace('pt_sbx_', 'pt_prod_'), environment: 'production' },
    ];
    const answers = await Promise.all(invalid.map(body => verify(body)));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.text).toBe('{"valid":false}');
    }
    const bad = await verify({ key: '', environment: 'sandbox' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^key: /);
  });

  it('accepts only the services in apim.verify.allowedSubjects; others get 403 and an audit record', async () => {
    const other = await startApimTestBackend(databases, databaseId, {
      config: { apim: { verify: { allowedSubjects: ['external:gateway'] } } },
    });
    try {
      const res = await request(other.server)
        .post('/api/apim/keys/verify')
        .set('Authorization', mockCredentials.service.header())
        .send({ key: 'pt_sbx_x', environment: 'sandbox' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/apim\.verify\.allowedSubjects.*external:test-service is not one of them/);
      expect(other.audits).toEqual([
        expect.objectContaining({
          eventId: 'service-caller-refused',
          meta: expect.objectContaining({ caller: 'external:test-service', configKey: 'apim.verify.allowedSubjects' }),
        }),
      ]);
    } finally {
      await other.stop();
    }
  });

  it('requires the environment the gateway serves: 400 naming it', async () => {
    const app = await subscribedApp();
    const sandbox = (await createKey(app.id, { environment: 'sandbox' })).body.secret;
    const res = await verifyRaw({ key: sandbox });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^environment: /);
  });

  it('revokes the keys of an environment removed from the application, with events, in one change', async () => {
    const app = await subscribedApp();
    const production = (await createKey(app.id, { environment: 'production' })).body;
    const sandbox = (await createKey(app.id, { environment: 'sandbox' })).body;
    expect((await verify({ key: production.secret, environment: 'production' })).body.valid).toBe(true);

    const res = await api().patch(`/api/apim/applications/${app.id}`).set('Authorization', auth('carol')).send({ environments: ['sandbox'] });
    expect(res.status).toBe(200);
    expect(res.body.environments).toEqual(['sandbox']);
    expect((await verify({ key: production.secret, environment: 'production' })).text).toBe('{"valid":false}');
    expect((await verify({ key: sandbox.secret, environment: 'sandbox' })).body.valid).toBe(true);
    const row = await backend.knex('apim_api_keys').where({ id: production.key.id }).first();
    expect(row.revoked_by).toBe('user:default/carol');
    const events = await backend.knex('portico_outbox').where({ subject: app.id, type: 'api-key-revoked' });
    expect(events.map(e => JSON.parse(e.payload).data)).toEqual([
      expect.objectContaining({ applicationId: app.id, environment: 'production', keyId: production.key.id }),
    ]);
    const listed = await api().get(`/api/apim/applications/${app.id}/keys`).set('Authorization', auth('alice'));
    expect(listed.body.find((k: any) => k.id === production.key.id).status).toBe('revoked');
  });

  it('keeps the old key working through the grace period after a rotation, then not', async () => {
    const app = await subscribedApp();
    const old = (await createKey(app.id, { environment: 'sandbox' })).body;
    const rotated = await api().post(`/api/apim/keys/${old.key.id}/rotate`).set('Authorization', auth('carol')).send({});
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).toMatch(/^pt_sbx_/);
    expect(rotated.body.secret).not.toBe(old.secret);

    expect((await verify({ key: old.secret })).body.valid).toBe(true);
    expect((await verify({ key: rotated.body.secret })).body.valid).toBe(true);
    const listed = (await api().get(`/api/apim/applications/${app.id}/keys`).set('Authorization', auth('alice'))).body;
    const oldView = listed.find((k: any) => k.id === old.key.id);
    expect(oldView).toEqual(expect.objectContaining({ status: 'expiring', replacedBy: rotated.body.key.id, graceUntil: expect.any(String) }));
    expect(Date.parse(oldView.graceUntil) - Date.now()).toBeGreaterThan(23 * HOUR);

    // A rotated key is not rotated again.
    expect((await api().post(`/api/apim/keys/${old.key.id}/rotate`).set('Authorization', auth('alice')).send({})).status).toBe(409);

    travelBy(25 * HOUR);
    expect((await verify({ key: old.secret })).text).toBe('{"valid":false}');
    expect((await verify({ key: rotated.body.secret })).body.valid).toBe(true);
    const after = (await api().get(`/api/apim/applications/${app.id}/keys`).set('Authorization', auth('alice'))).body;
    expect(after.find((k: any) => k.id === old.key.id).status).toBe('expired');
    const types = (await backend.knex('portico_outbox').where({ subject: app.id, topic: 'api-key-rotated' }).orderBy('seq')).map(e => e.type);
    expect(types).toEqual(['api-key-created', 'api-key-rotated']);
  });

  it('stops the old key at once with a grace of 0 hours, and bounds the grace', async () => {
    const app = await subscribedApp();
    const old = (await createKey(app.id, { environment: 'sandbox' })).body;
    const tooLong = await api().post(`/api/apim/keys/${old.key.id}/rotate`).set('Authorization', auth('alice')).send({ graceHours: 10_000 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/^graceHours: /);
    const rotated = await api().post(`/api/apim/keys/${old.key.id}/rotate`).set('Authorization', auth('alice')).send({ graceHours: 0 });
    expect(rotated.status).toBe(201);
    expect((await verify({ key: old.secret })).text).toBe('{"valid":false}');
    expect((await verify({ key: rotated.body.secret })).body.valid).toBe(true);
  });

  it('revokes at once, also a key in its grace period; revoking twice is a 409', async () => {
    const app = await subscribedApp();
    const key = (await createKey(app.id, { environment: 'sandbox' })).body;
    const rotated = (await api().post(`/api/apim/keys/${key.key.id}/rotate`).set('Authorization', auth('alice')).send({})).body;
    const res = await api().post(`/api/apim/keys/${key.key.id}/revoke`).set('Authorization', auth('alice'));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('revoked');
    expect((await verify({ key: key.secret })).text).toBe('{"valid":false}');
    expect((await verify({ key: rotated.secret })).body.valid).toBe(true);
    expect((await api().post(`/api/apim/keys/${key.key.id}/revoke`).set('Authorization', auth('alice'))).status).toBe(409);
    expect((await api().post('/api/apim/keys/00000000-0000-4000-8000-000000000000/revoke').set('Authorization', auth('alice'))).status).toBe(404);
  });

  it('expires keys, telling the owner group once, ahead of time', async () => {
    const app = await subscribedApp();
    const key = (await createKey(app.id, { environment: 'sandbox', expiresInDays: 10 })).body;
    expect(Date.parse(key.key.expiresAt) - Date.now()).toBeGreaterThan(10 * DAY - HOUR);
    const notices = () => backend.sent.filter(n => n.payload.scope === `api-key:${key.key.id}`);

    await backend.scheduler.triggerTask(APIM_TASKS.expiryNotices);
    expect(notices()).toEqual([]);

    travelBy(4 * DAY);
    await backend.scheduler.triggerTask(APIM_TASKS.expiryNotices);
    expect(notices()).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'group:default/devops-acme' },
        payload: expect.objectContaining({
          title: expect.stringMatching(new RegExp(`^API key ${key.key.prefix}…${key.key.last4} of '${app.name}' expires in 6 days`)),
          severity: 'high',
        }),
      },
    ]);
    const listed = (await api().get(`/api/apim/applications/${app.id}/keys`).set('Authorization', auth('alice'))).body;
    expect(listed[0].status).toBe('expiring');
    await backend.scheduler.triggerTask(APIM_TASKS.expiryNotices);
    expect(notices()).toHaveLength(1);
    expect((await verify({ key: key.secret })).body.valid).toBe(true);

    travelBy(11 * DAY);
    expect((await verify({ key: key.secret })).text).toBe('{"valid":false}');
    expect(
      (await api().post(`/api/apim/keys/${key.key.id}/rotate`).set('Authorization', auth('alice')).send({})).status,
    ).toBe(409);
  });

  it('records when a key was last used, once per flush', async () => {
    const app = await subscribedApp();
    const key = (await createKey(app.id, { environment: 'sandbox' })).body;
    for (let i = 0; i < 5; i++) await verify({ key: key.secret });
    expect((await backend.knex('apim_api_keys').where({ id: key.key.id }).first()).last_used_at).toBeNull();
    await backend.scheduler.triggerTask(APIM_TASKS.keyUsage);
    const listed = (await api().get(`/api/apim/applications/${app.id}/keys`).set('Authorization', auth('alice'))).body;
    expect(Date.now() - Date.parse(listed[0].lastUsedAt)).toBeLessThan(60_000);
  });
});
