import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { ApimTestBackend, auth, startApimTestBackend } from '../__testUtils__/apimTestBackend';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();
const ID = '00000000-0000-4000-8000-000000000000';

// Every row has three entries: with fewer, jest would pass its done callback as the body.
const USER_ROUTES: Array<[string, string, object | undefined]> = [
  ['get', '/apis', undefined],
  ['get', '/apis/default/payments-api', undefined],
  ['get', '/apis/default/payments-api/usage', undefined],
  ['get', `/applications/${ID}/usage`, undefined],
  ['get', '/applications', undefined],
  ['post', '/applications', { name: 'x-app', owner: 'devops-acme', environments: ['sandbox'] }],
  ['get', `/applications/${ID}`, undefined],
  ['patch', `/applications/${ID}`, { description: 'x' }],
  ['delete', `/applications/${ID}`, undefined],
  ['get', '/subscriptions', undefined],
  ['post', '/subscriptions', { applicationId: ID, apiRef: 'payments-api', plan: 'free', environment: 'sandbox' }],
  ['get', `/subscriptions/${ID}`, undefined],
  ['post', `/subscriptions/${ID}/approve`, {}],
  ['post', `/subscriptions/${ID}/reject`, { comment: 'no' }],
  ['post', `/subscriptions/${ID}/suspend`, {}],
  ['post', `/subscriptions/${ID}/resume`, {}],
  ['post', `/subscriptions/${ID}/revoke`, {}],
  ['get', `/applications/${ID}/keys`, undefined],
  ['post', `/applications/${ID}/keys`, { environment: 'sandbox' }],
  ['post', `/keys/${ID}/rotate`, {}],
  ['post', `/keys/${ID}/revoke`, {}],
];

describe.each(databases.eachSupportedId())('apim routes: authentication on %p', databaseId => {
  let backend: ApimTestBackend;
  beforeAll(async () => {
    backend = await startApimTestBackend(databases, databaseId);
  });
  afterAll(() => backend.stop());

  const send = (method: string, path: string, body: object | undefined, authorization: string) => {
    const req = (request(backend.server) as any)[method](`/api/apim${path}`).set('Authorization', authorization);
    return body ? req.send(body) : req;
  };

  it.each([...USER_ROUTES, ['post', '/keys/verify', { key: 'pt_sbx_x' }] as [string, string, object]])(
    '%s %s without credentials: 401',
    async (method, path, body) => {
      const res = await send(method, path, body, mockCredentials.none.header());
      expect(res.status).toBe(401);
    },
  );

  it.each(USER_ROUTES)('%s %s for a user without any APIM permission: 403', async (method, path, body) => {
    const res = await send(method, path, body, auth('mallory'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/You need the apim\.[a-z.]+( or apim\.[a-z.]+)? permission/);
  });

  it.each(USER_ROUTES)('%s %s for a service: 403 (users only)', async (method, path, body) => {
    const res = await send(method, path, body, mockCredentials.service.header());
    expect(res.status).toBe(403);
  });

  it('refuses key verification to user tokens, even portal admins', async () => {
    for (const user of ['alice', 'judy']) {
      const res = await send('post', '/keys/verify', { key: 'pt_sbx_x' }, auth(user));
      expect(res.status).toBe(403);
    }
    const service = await send('post', '/keys/verify', { key: 'pt_sbx_x', environment: 'sandbox' }, mockCredentials.service.header());
    expect(service.status).toBe(200);
    expect(service.body).toEqual({ valid: false });
  });
});
