import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { createResetPasswordAction } from './resetPassword';
import { CLIENT_SECRET, contextWithCheckpoints, GRAPH, graphConfig, odataError, setupGraphServer, TOKEN } from '../__testUtils__/graphServer';

const { server, requests, tokenRequests } = setupGraphServer();
const alice = { id: 'aaaaaaaa-0000-0000-0000-000000000001', userPrincipalName: 'alice@contoso.example', displayName: 'Alice' };

function setup() {
  const stored: { ticketId: string; label: string; secret: string; forAccount?: string }[] = [];
  const action = createResetPasswordAction({
    config: graphConfig,
    secrets: { store: async s => void stored.push({ ticketId: s.ticketId, label: s.label, secret: s.secret, forAccount: s.forAccount }) },
  });
  return { action, stored };
}

describe('m365:user:reset-password', () => {
  it('gets a token with client credentials, patches the password profile and seals the password on the ticket', async () => {
    server.use(
      http.get(`${GRAPH}/v1.0/users/:upn`, () => HttpResponse.json(alice)),
      http.patch(`${GRAPH}/v1.0/users/:id`, () => new HttpResponse(null, { status: 204 })),
    );
    const { action, stored } = setup();
    const { ctx, logs, output } = contextWithCheckpoints({ ticketId: 'SD-000042', account: 'alice@contoso.example' });
    await action.handler(ctx);

    expect(tokenRequests[0].get('grant_type')).toBe('client_credentials');
    expect(tokenRequests[0].get('client_id')).toBe('app-client-id');
    expect(tokenRequests[0].get('scope')).toBe(`${GRAPH}/.default`);
    expect(requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /v1.0/users/alice@contoso.example?$select=id,userPrincipalName,displayName,accountEnabled,mail',
      `PATCH /v1.0/users/${alice.id}`,
    ]);
    expect(requests[0].authorization).toBe(`Bearer ${TOKEN}`);
    const password = requests[1].body.passwordProfile.password as string;
    expect(requests[1].body).toEqual({ passwordProfile: { password, forceChangePasswordNextSignIn: true } });
    expect(password).toHaveLength(16);
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[0-9]/);
    expect(stored).toEqual([{ ticketId: 'SD-000042', label: 'Temporary password for alice@contoso.example', secret: password, forAccount: 'alice@contoso.example' }]);

    // Neither the task log nor the outputs carry it.
    const outputs = JSON.stringify(output.mock.calls);
    expect(outputs).not.toContain(password);
    expect(logs.join('\n')).not.toContain(password);
    expect(output).toHaveBeenCalledWith('delivery', 'servicedesk-one-time-reveal');
    expect(output).toHaveBeenCalledWith('summary', expect.stringContaining('requester of SD-000042 can reveal'));
  });

  it('attaches the token to a Graph endpoint on a port (a proxy or a local server)', async () => {
    const ported = 'https://graph.test:8443';
    const seen: Array<string | null> = [];
    server.use(
      http.get(`${ported}/v1.0/users/:upn`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json(alice);
      }),
      http.patch(`${ported}/v1.0/users/:id`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const config = new ConfigReader({
      portico: { integrations: { microsoftGraph: { ...graphConfig.getConfig('portico.integrations.microsoftGraph').get<object>(), baseUrl: ported } } },
    });
    const action = createResetPasswordAction({ config, secrets: { store: async () => {} } });
    const { ctx } = contextWithCheckpoints({ ticketId: 'SD-000046', account: 'alice@contoso.example' });
    await action.handler(ctx);
    expect(tokenRequests[0].get('scope')).toBe(`${ported}/.default`);
    expect(seen).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('waits for the Retry-After of a 429 and tries again', async () => {
    let calls = 0;
    server.use(
      http.get(`${GRAPH}/v1.0/users/:upn`, () =>
        ++calls === 1
          ? odataError(429, 'TooManyRequests', 'Too many requests', { 'Retry-After': '0' })
          : HttpResponse.json(alice),
      ),
      http.patch(`${GRAPH}/v1.0/users/:id`, () => new HttpResponse(null, { status: 204 })),
    );
    const { action, stored } = setup();
    await action.handler(contextWithCheckpoints({ ticketId: 'SD-000042', account: 'alice@contoso.example' }).ctx);
    expect(calls).toBe(2);
    expect(stored).toHaveLength(1);
  });

  it("fails with Graph's OData message and stores nothing when the reset is refused", async () => {
    server.use(
      http.get(`${GRAPH}/v1.0/users/:upn`, () => HttpResponse.json(alice)),
      http.patch(`${GRAPH}/v1.0/users/:id`, () =>
        odataError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
      ),
    );
    const { action, stored } = setup();
    await expect(
      action.handler(contextWithCheckpoints({ ticketId: 'SD-000042', account: 'alice@contoso.example' }).ctx),
    ).rejects.toThrow('Microsoft Graph answered HTTP 403 Authorization_RequestDenied: Insufficient privileges to complete the operation.');
    expect(stored).toEqual([]);
  });

  it('does not reset twice when the task is retried after the step was done', async () => {
    server.use(
      http.get(`${GRAPH}/v1.0/users/:upn`, () => HttpResponse.json(alice)),
      http.patch(`${GRAPH}/v1.0/users/:id`, () => new HttpResponse(null, { status: 204 })),
    );
    const { action, stored } = setup();
    const state = new Map<string, unknown>();
    await action.handler(contextWithCheckpoints({ ticketId: 'SD-000042', account: 'alice@contoso.example' }, state).ctx);
    await action.handler(contextWithCheckpoints({ ticketId: 'SD-000042', account: 'alice@contoso.example' }, state).ctx);
    expect(requests.filter(r => r.method === 'PATCH')).toHaveLength(1);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify([...state.values()])).not.toContain(stored[0].secret);
  });

  it('names the missing config key when Graph is not configured', async () => {
    const action = createResetPasswordAction({ config: new ConfigReader({}), secrets: { store: jest.fn() } });
    await expect(
      action.handler(contextWithCheckpoints({ ticketId: 'SD-000042', account: 'alice@contoso.example' }).ctx),
    ).rejects.toThrow('Microsoft Graph is not configured: set portico.integrations.microsoftGraph.tenantId in app-config');
  });

  it('dry run: says what it would do, calls nothing, and warns when not configured', async () => {
    const action = createResetPasswordAction({ config: new ConfigReader({}), secrets: { store: jest.fn() } });
    const { ctx, logs } = contextWithCheckpoints({ ticketId: 'SD-000042', account: 'alice@contoso.example' });
    await action.handler({ ...ctx, isDryRun: true });
    expect(requests).toEqual([]);
    expect(tokenRequests).toEqual([]);
    expect(logs.join('\n')).toContain('PATCH /v1.0/users/{id} with passwordProfile');
    expect(logs.join('\n')).toContain('set portico.integrations.microsoftGraph.tenantId');
  });

  it('never writes the client secret to the log', async () => {
    server.use(http.get(`${GRAPH}/v1.0/users/:upn`, () => odataError(404, 'Request_ResourceNotFound', `Resource 'x' does not exist ${CLIENT_SECRET}`)));
    const { action } = setup();
    const error = await action
      .handler(contextWithCheckpoints({ ticketId: 'SD-000042', account: 'x@contoso.example' }).ctx)
      .catch((e: Error) => e) as Error;
    expect(error.message).toContain('HTTP 404 Request_ResourceNotFound');
    expect(error.message).not.toContain(CLIENT_SECRET);
  });
});
