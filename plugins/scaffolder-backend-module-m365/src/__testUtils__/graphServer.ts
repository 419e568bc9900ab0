import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

export const AUTHORITY = 'https://login.test';
export const GRAPH = 'https://graph.test';
export const TENANT = '11111111-2222-3333-4444-555555555555';
export const CLIENT_SECRET = 'client-s3cret-value';
export const TOKEN = 'graph-access-token-xyz';

export const graphConfig = new ConfigReader({
  portico: {
    integrations: {
      microsoftGraph: {
        tenantId: TENANT,
        clientId: 'app-client-id',
        clientSecret: CLIENT_SECRET,
        authorityHost: AUTHORITY,
        baseUrl: GRAPH,
        retries: 2,
        timeoutSeconds: 5,
        siteProvisioningTimeoutSeconds: 5,
      },
    },
  },
});

export interface Recorded {
  method: string;
  /** Path and query after the host, decoded. */
  path: string;
  body?: any;
  authorization?: string | null;
}

/**
 * Microsoft Entra's token endpoint (client credentials, OpenID discovery document first, as MSAL asks) and a Graph
 * recorder: the test adds Graph handlers; every Graph request is kept in `requests` in order.
 */
export function setupGraphServer() {
  const server = setupServer();
  const requests: Recorded[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const authorityHandlers = [
    http.get(`${AUTHORITY}/${TENANT}/v2.0/.well-known/openid-configuration`, () =>
      HttpResponse.json({
        token_endpoint: `${AUTHORITY}/${TENANT}/oauth2/v2.0/token`,
        authorization_endpoint: `${AUTHORITY}/${TENANT}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${AUTHORITY}/${TENANT}/oauth2/v2.0/logout`,
        issuer: `${AUTHORITY}/${TENANT}/v2.0`,
        jwks_uri: `${AUTHORITY}/${TENANT}/discovery/v2.0/keys`,
      }),
    ),
    http.post(`${AUTHORITY}/${TENANT}/oauth2/v2.0/token`, async ({ request }) => {
      tokenRequests.push(new URLSearchParams(await request.text()));
      return HttpResponse.json({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: TOKEN });
    }),
  ];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    requests.length = 0;
    tokenRequests.length = 0;
    server.resetHandlers(...authorityHandlers);
  });
  afterAll(() => server.close());
  server.events.on('request:start', async ({ request }) => {
    const url = new URL(request.url);
    if (url.origin !== GRAPH) return;
    const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.clone().text();
    requests.push({
      method: request.method,
      path: decodeURIComponent(url.pathname + url.search),
      body: text ? JSON.parse(text) : undefined,
      authorization: request.headers.get('authorization'),
    });
  });
  return { server, requests, tokenRequests };
}

/** An OData error body, as Graph sends them. */
export function odataError(status: number, code: string, message: string, headers?: Record<string, string>) {
  return HttpResponse.json(
    { error: { code, message, innerError: { 'request-id': 'req-1', date: '2026-12-05T00:00:00' } } },
    { status, headers },
  );
}

/** A mock action context whose checkpoints are kept in `state`, like the task's across a retry. */
export function contextWithCheckpoints<I extends Record<string, any>>(input: I, state = new Map<string, unknown>()) {
  const logs: string[] = [];
  const base = createMockActionContext({ input: input as any });
  const logger: any = {
    info: (m: string) => logs.push(m),
    warn: (m: string) => logs.push(m),
    error: (m: string) => logs.push(m),
    debug: (m: string) => logs.push(m),
    child: () => logger,
  };
  const ctx = {
    ...base,
    logger,
    async checkpoint<T>(opts: { key: string; fn: () => Promise<T> | T }): Promise<T> {
      if (state.has(opts.key)) return state.get(opts.key) as T;
      const value = await opts.fn();
      state.set(opts.key, value);
      return value;
    },
  };
  return { ctx: ctx as any, logs, state, output: base.output as jest.Mock };
}
