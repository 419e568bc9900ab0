import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { apimTryItPermission } from '@portico/plugin-apim-common';
import { TryItRateLimiter, type TryItAccess } from '../service/tryit';
import {
  apiEntity,
  APPLICATION_ID,
  CONSOLE_KEY,
  definitionFor,
  startUpstream,
  UPSTREAM_HOST,
  upstreamTargets,
} from '../service/tryit/__testUtils__/fixtures';
import { createTryItRouter } from './tryItRouter';

const developer = mockCredentials.user('user:default/alice');
const outsider = mockCredentials.user('user:default/mallory');

// Only alice holds apim.tryit.use.
const permissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    mockServices.permissions.mock({
      authorize: async (requests, options) =>
        requests.map(r => ({
          result:
            r.permission.name === apimTryItPermission.name &&
            (options.credentials.principal as { userEntityRef?: string }).userEntityRef ===
              'user:default/alice'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    }),
});

describe('try-it router', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let server: any;
  const assertCanTry = jest.fn<ReturnType<TryItAccess['assertCanTry']>, Parameters<TryItAccess['assertCanTry']>>();
  const keyFor = jest.fn(async () => CONSOLE_KEY);
  // A limiter on a clock the tests move; generous enough for the whole file.
  let clock = 0;
  const rateLimiter = new TryItRateLimiter(600, () => clock);

  beforeAll(async () => {
    upstream = await startUpstream();
    const testPlugin = createBackendPlugin({
      pluginId: 'apim',
      register(reg) {
        reg.registerInit({
          deps: {
            httpAuth: coreServices.httpAuth,
            httpRouter: coreServices.httpRouter,
            permissions: coreServices.permissions,
            catalog: catalogServiceRef,
            config: coreServices.rootConfig,
            logger: coreServices.logger,
          },
          async init({ httpRouter, ...deps }) {
            httpRouter.use(
              createTryItRouter({ ...deps, consoleKeys: { keyFor }, access: { assertCanTry }, rateLimiter }),
            );
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        testPlugin,
        permissions,
        catalogServiceMock.factory({
          entities: [apiEntity('payments', definitionFor(upstream.port))],
        }),
        mockServices.rootConfig.factory({
          data: { apim: { tryIt: { timeoutSeconds: 0.3, privateTargets: upstreamTargets(upstream.port) } } },
        }),
      ],
    });
    server = backend.server;
  });
  afterAll(() => upstream.close());
  beforeEach(() => {
    assertCanTry.mockReset().mockResolvedValue();
    keyFor.mockClear();
    upstream.received.length = 0;
  });

  const body = (overrides: Record<string, unknown> = {}) => ({
    apiRef: 'api:default/payments',
    applicationId: APPLICATION_ID,
    environment: 'sandbox',
    serverUrl: `http://${UPSTREAM_HOST}:${upstream.port}/v1`,
    method: 'GET',
    path: '/payments/pay_123',
    ...overrides,
  });
  const asDeveloper = mockCredentials.user.header(developer.principal.userEntityRef);

  it('answers 429 with Retry-After once the user has spent their calls, and sends nothing upstream', async () => {
    for (;;) {
      try {
        rateLimiter.take(developer.principal.userEntityRef);
      } catch {
        break;
      }
    }
    const res = await request(server).post('/api/apim/try-it').set('Authorization', asDeveloper).send(body());
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.error.message).toMatch(/Too many Try-It calls/);
    expect(upstream.received).toHaveLength(0);
    expect(keyFor).not.toHaveBeenCalled();

    clock += 60_000; // a minute later the bucket is full again
    const later = await request(server).post('/api/apim/try-it').set('Authorization', asDeveloper).send(body());
    expect(later.status).toBe(200);
  });

  it('calls the upstream with the key added on the server and answers status, headers, body, timing', async () => {
    const res = await request(server).post('/api/apim/try-it').set('Authorization', asDeveloper).send(body());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 200,
      statusText: 'OK',
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      body: JSON.stringify({ id: 'pay_123', status: 'captured' }),
      bodyEncoding: 'utf8',
      truncated: false,
      durationMs: expect.any(Number),
      url: `http://${UPSTREAM_HOST}:${upstream.port}/v1/payments/pay_123`,
    });
    expect(res.body.headers['set-cookie']).toBeUndefined();
    expect(upstream.received[0].headers['x-api-key']).toBe(CONSOLE_KEY);
    expect(res.text).not.toContain(CONSOLE_KEY);
    expect(assertCanTry).toHaveBeenCalledWith(
      expect.objectContaining({ applicationId: APPLICATION_ID, apiRef: 'api:default/payments', environment: 'sandbox' }),
    );
    expect(assertCanTry.mock.calls[0][0].credentials.principal).toEqual(
      expect.objectContaining({ userEntityRef: 'user:default/alice' }),
    );
  });

  it('answers code samples with the key as a placeholder', async () => {
    const res = await request(server)
      .post('/api/apim/code-samples')
      .set('Authorization', asDeveloper)
      .send(body({ applicationId: undefined, method: 'POST', path: '/payments', body: '{"amount":1}' }));
    expect(res.status).toBe(200);
    expect(res.body.samples.map((s: any) => s.label)).toEqual(
      expect.arrayContaining(['curl', 'JavaScript (fetch)', 'Python (requests)', 'Go (net/http)']),
    );
    expect(res.body.samples[0].code).toContain("--header 'X-API-Key: <YOUR_API_KEY>'");
    expect(res.text).not.toContain(CONSOLE_KEY);
    expect(keyFor).not.toHaveBeenCalled();
  });

  it.each(['/api/apim/try-it', '/api/apim/code-samples'])('%s: 401 without credentials', async path => {
    await request(server).post(path).set('Authorization', mockCredentials.none.header()).send(body()).expect(401);
    expect(upstream.received).toHaveLength(0);
  });

  it.each(['/api/apim/try-it', '/api/apim/code-samples'])('%s: 403 without apim.tryit.use', async path => {
    const res = await request(server)
      .post(path)
      .set('Authorization', mockCredentials.user.header(outsider.principal.userEntityRef))
      .send(body());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('You need the apim.tryit.use permission');
    expect(upstream.received).toHaveLength(0);
  });

  it('400 naming the field', async () => {
    const post = (payload: unknown) =>
      request(server).post('/api/apim/try-it').set('Authorization', asDeveloper).send(payload as object);
    const cases: Array<[unknown, RegExp]> = [
      [body({ applicationId: 'nope' }), /^applicationId: /],
      [body({ method: 'TRACE' }), /^method: /],
      [body({ path: 'payments' }), /^path: must start with \//],
      [body({ environment: 'prod' }), /^environment: /],
      [{ ...body(), colour: 'red' }, /colour/],
      [body({ serverUrl: 'https://evil.example/v1' }), /^serverUrl: https:\/\/evil\.example\/v1 is not a server/],
      [body({ path: '/internal/admin' }), /^path: \/internal\/admin matches no path/],
      [body({ headers: { Cookie: 'a=b' } }), /^headers\.Cookie: /],
    ];
    for (const [payload, message] of cases) {
      const res = await post(payload);
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status: 400,
        message: expect.stringMatching(message),
      });
    }
    const samples = await request(server)
      .post('/api/apim/code-samples')
      .set('Authorization', asDeveloper)
      .send(body({ serverUrl: 'not a url' }));
    expect(samples.status).toBe(400);
    expect(samples.body.error.message).toMatch(/^serverUrl: /);
    expect(upstream.received).toHaveLength(0);
  });

  it('403 for DELETE on production, for a public server resolving to loopback, and when access is denied', async () => {
    const post = (payload: unknown) =>
      request(server).post('/api/apim/try-it').set('Authorization', asDeveloper).send(payload as object);

    const production = await post(
      body({ environment: 'production', method: 'DELETE', path: '/payments/pay_1' }),
    );
    expect(production.status).toBe(403);
    expect(production.body.error.message).toMatch(/^DELETE is not allowed from Try-It in production/);

    const ssrf = await post(body({ serverUrl: `http://localhost:${upstream.port}/v1` }));
    expect(ssrf.status).toBe(403);
    expect(ssrf.body.error.message).toMatch(/is not an allowed outbound target/);

    assertCanTry.mockRejectedValueOnce(new NotAllowedError('Not a member of the owner group of the application'));
    expect((await post(body())).status).toBe(403);
    expect(upstream.received).toHaveLength(0);
  });

  it('409 without an active subscription, 502 when the upstream is too slow', async () => {
    assertCanTry.mockRejectedValueOnce(new ConflictError('No active subscription in sandbox'));
    const conflict = await request(server).post('/api/apim/try-it').set('Authorization', asDeveloper).send(body());
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toBe('No active subscription in sandbox');

    const slow = await request(server)
      .post('/api/apim/try-it')
      .set('Authorization', asDeveloper)
      .send(body({ path: '/slow' }));
    expect(slow.status).toBe(502);
    expect(slow.body.error.message).toMatch(/^Could not connect to .*, or it gave no complete answer within 0.3 s$/);
  });
});
