import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ServicedeskOneTimeSecretClient } from './OneTimeSecretClient';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('ServicedeskOneTimeSecretClient', () => {
  it("posts the secret to the ticket with the scaffolder's own service token", async () => {
    let seen: { auth: string | null; body: unknown } | undefined;
    server.use(
      http.post('http://localhost:0/api/servicedesk/requests/SD-000042/secret', async ({ request }) => {
        seen = { auth: request.headers.get('authorization'), body: await request.json() };
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const client = new ServicedeskOneTimeSecretClient({
      discovery: mockServices.discovery(),
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });
    await client.store({ ticketId: 'SD-000042', label: 'Temporary password', secret: 'Pa55-word!x', forAccount: 'alice@contoso.example' });
    expect(seen!.body).toEqual({ label: 'Temporary password', secret: 'Pa55-word!x', forAccount: 'alice@contoso.example' });
    // A service token of the scaffolder plugin, on behalf of itself, for the service desk.
    const token = seen!.auth!.replace('Bearer ', '');
    expect(token).toContain('plugin:scaffolder');
    expect(token).toContain('servicedesk');
  });

  it("fails with the service desk's answer", async () => {
    server.use(
      http.post('http://localhost:0/api/servicedesk/requests/SD-000042/secret', () =>
        HttpResponse.json({ error: { name: 'NotAllowedError', message: 'forAccount: the requester of SD-000042 is not the holder of bob@contoso.example' } }, { status: 403 }),
      ),
    );
    const client = new ServicedeskOneTimeSecretClient({ discovery: mockServices.discovery(), auth: mockServices.auth({ pluginId: 'scaffolder' }) });
    await expect(client.store({ ticketId: 'SD-000042', label: 'x', secret: 'Pa55-word!x', forAccount: 'bob@contoso.example' })).rejects.toThrow(
      'not the holder of bob@contoso.example',
    );
  });
});
