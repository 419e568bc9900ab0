import request from 'supertest';
import { setupServer } from 'msw/node';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { auth, FakeScaffolder, startServicedeskTestBackend, ServicedeskTestBackend } from '../__testUtils__/servicedeskTestBackend';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => msw.close());

const scaffolderHeader = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:scaffolder'),
  targetPluginId: 'servicedesk',
});
const otherServiceHeader = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'servicedesk',
});

describe.each(databases.eachSupportedId())('one-time secrets on %p', databaseId => {
  let backend: ServicedeskTestBackend;
  beforeEach(async () => {
    backend = await startServicedeskTestBackend(databases, databaseId);
    new FakeScaffolder().install(msw);
  });
  afterEach(async () => {
    msw.resetHandlers();
    await backend.stop();
  });

  const api = (path: string) => `/api/servicedesk${path}`;

  it('keeps a secret from the scaffolder sealed and reveals it once to the requester only', async () => {
    const filed = await request(backend.server)
      .post(api('/requests'))
      .set('Authorization', auth('alice'))
      .send({ service: 'password_reset', title: 'Locked out', priority: 'high', formData: { account: 'alice@portico.example' } });
    expect(filed.status).toBe(201);
    const ticketId = filed.body.ticketId;

    const secret = 'Temp-Pa55word!x';
    expect(
      (await request(backend.server).post(api(`/requests/${ticketId}/secret`)).set('Authorization', auth('alice')).send({ label: 'x', secret })).status,
    ).toBe(403);
    expect(
      (await request(backend.server).post(api(`/requests/${ticketId}/secret`)).set('Authorization', otherServiceHeader).send({ label: 'x', secret })).status,
    ).toBe(403);
    const badBody = await request(backend.server).post(api(`/requests/${ticketId}/secret`)).set('Authorization', scaffolderHeader).send({ label: 'x', secret: 'short' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toMatch(/^secret: /);
    // The password of somebody else's account never reaches this requester.
    const otherAccount = await request(backend.server)
      .post(api(`/requests/${ticketId}/secret`))
      .set('Authorization', scaffolderHeader)
      .send({ label: 'x', secret, forAccount: 'bob@portico.example' });
    expect(otherAccount.status).toBe(403);
    expect(otherAccount.body.error.message).toMatch(/^forAccount: /);
    const stored = await request(backend.server)
      .post(api(`/requests/${ticketId}/secret`))
      .set('Authorization', scaffolderHeader)
      .send({ label: 'Temporary password for alice@portico.example', secret, forAccount: 'Alice@portico.example' });
    expect(stored.status).toBe(204);

    // Sealed at rest.
    const row = await backend.knex('servicedesk_one_time_secrets').first();
    expect(row.sealed).not.toContain(secret);
    expect(Buffer.from(JSON.stringify(row)).toString()).not.toContain(secret);

    expect((await request(backend.server).get(api(`/requests/${ticketId}/secret`)).set('Authorization', auth('alice'))).body).toEqual({
      available: true,
      label: 'Temporary password for alice@portico.example',
    });
    // An agent of the team sees the ticket but not the secret.
    expect((await request(backend.server).get(api(`/requests/${ticketId}/secret`)).set('Authorization', auth('heidi'))).body).toEqual({ available: false });
    expect((await request(backend.server).post(api(`/requests/${ticketId}/secret/reveal`)).set('Authorization', auth('heidi'))).status).toBe(403);

    const revealed = await request(backend.server).post(api(`/requests/${ticketId}/secret/reveal`)).set('Authorization', auth('alice'));
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ label: 'Temporary password for alice@portico.example', secret });
    expect(revealed.headers['cache-control']).toBe('no-store');

    const again = await request(backend.server).post(api(`/requests/${ticketId}/secret/reveal`)).set('Authorization', auth('alice'));
    expect(again.status).toBe(409);
    expect((await backend.knex('servicedesk_one_time_secrets').first()).sealed).toBeNull();
    const status = (await request(backend.server).get(api(`/requests/${ticketId}/secret`)).set('Authorization', auth('alice'))).body;
    expect(status).toMatchObject({ available: false, revealedAt: expect.any(String) });
    // A revealed secret is not replaced.
    expect(
      (await request(backend.server).post(api(`/requests/${ticketId}/secret`)).set('Authorization', scaffolderHeader).send({ label: 'again', secret })).status,
    ).toBe(409);
  });

  it('says on the service listing which outside system is not configured, before anyone files', async () => {
    const res = await request(backend.server).get(api('/services')).set('Authorization', auth('alice'));
    const bySlug = Object.fromEntries(res.body.items.map((s: any) => [s.slug, s]));
    expect(bySlug.password_reset.integration).toEqual({
      name: 'Microsoft Graph',
      configured: false,
      missingKey: 'portico.integrations.microsoftGraph.tenantId',
    });
    expect(bySlug.vpn_access.integration).toMatchObject({ name: 'The VPN gateway', configured: false });
    expect(bySlug.incident_report.integration).toBeUndefined();
    expect(bySlug.hardware_request.integration).toBeUndefined();
  });

  it('404 for a ticket that does not exist', async () => {
    const res = await request(backend.server).post(api('/requests/SD-999999/secret')).set('Authorization', scaffolderHeader).send({ label: 'x', secret: 'Temp-Pa55word!x' });
    expect(res.status).toBe(404);
  });
});
