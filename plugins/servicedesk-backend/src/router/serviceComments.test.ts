import request from 'supertest';
import { setupServer } from 'msw/node';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  auth,
  FakeScaffolder,
  startServicedeskTestBackend,
  ServicedeskTestBackend,
} from '../__testUtils__/servicedeskTestBackend';

// A service of the intake comments on the tickets it filed (the security plugin adds the
// isolation playbook's result to its incident ticket), and on no other.
jest.setTimeout(120_000);

const databases = createPorticoTestDatabases();
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => msw.close());

const service = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'servicedesk',
  });

describe.each(databases.eachSupportedId())('service comments on %p', databaseId => {
  let backend: ServicedeskTestBackend;

  beforeEach(async () => {
    backend = await startServicedeskTestBackend(databases, databaseId, {
      config: {
        servicedesk: { intake: { allowedSubjects: ['plugin:security', 'external:forms'] } },
      },
    });
    new FakeScaffolder().install(msw);
  });
  afterEach(async () => {
    msw.resetHandlers();
    await backend.stop();
  });

  const comment = (who: string, ticketId: string, body: object) =>
    request(backend.server)
      .post(`/api/servicedesk/requests/${ticketId}/comments`)
      .set('Authorization', who.startsWith('user:') ? auth(who.slice('user:'.length)) : service(who))
      .send(body);

  it('lets the filing service comment, and refuses other services and bad bodies', async () => {
    const filed = await request(backend.server)
      .post('/api/servicedesk/requests')
      .set('Authorization', service('plugin:security'))
      .send({
        service: 'incident_report',
        title: 'Falco Critical: Terminal shell in container',
        priority: 'critical',
        requester_email: 'security@portico.example',
        formData: { severity: 'critical', affectedService: 'payments-gateway' },
      });
    expect(filed.status).toBe(201);
    const { ticketId } = filed.body;

    const ok = await comment('plugin:security', ticketId, { body: 'Container 4f1c2a9b3d7e isolated' });
    expect(ok.status).toBe(201);
    expect(ok.body.comments).toEqual([
      expect.objectContaining({ author: 'plugin:security', body: 'Container 4f1c2a9b3d7e isolated', visibility: 'public' }),
    ]);

    // In the intake, but not the filer.
    const other = await comment('external:forms', ticketId, { body: 'not mine' });
    expect(other.status).toBe(403);
    // Not in the intake at all.
    const unnamed = await comment('plugin:monitoring', ticketId, { body: 'who am I' });
    expect(unnamed.status).toBe(403);
    expect(unnamed.body.error.message).toContain('servicedesk.intake.allowedSubjects');
    // A service may not write internal comments (agents only), and a bad body names the field.
    const internal = await comment('plugin:security', ticketId, { body: 'x', visibility: 'internal' });
    expect(internal.status).toBe(403);
    const empty = await comment('plugin:security', ticketId, { body: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^body: /);

    const rows = await backend.knex('servicedesk_comments');
    expect(rows.map((r: { author: string }) => r.author)).toEqual(['plugin:security']);
    // Without credentials: 401.
    await request(backend.server)
      .post(`/api/servicedesk/requests/${ticketId}/comments`)
      .set('Authorization', mockCredentials.none.header())
      .send({ body: 'x' })
      .expect(401);
  });
});
