import { mockCredentials } from '@backstage/backend-test-utils';
import { ConflictError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { TryItRequest } from '@portico/plugin-apim-common';
import {
  HostResolver,
  OutboundAddressPolicy,
  OutboundConnectionError,
  OutboundTargetRefusedError,
  PrivateTarget,
} from '@portico/portico-node';
import { DEFAULT_TRY_IT_SETTINGS, TryItSettings } from './config';
import type { ConsoleKeyProvider, TryItAccess } from './ports';
import { TryItService } from './TryItService';
import {
  apiEntity,
  APPLICATION_ID,
  CONSOLE_KEY,
  definitionFor,
  startUpstream,
  UPSTREAM_HOST,
  upstreamTargets,
} from './__testUtils__/fixtures';

const credentials = mockCredentials.user('user:default/alice');

describe('TryItService', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let base: string;

  beforeAll(async () => {
    upstream = await startUpstream();
    base = `http://${UPSTREAM_HOST}:${upstream.port}/v1`;
  });
  afterAll(() => upstream.close());
  beforeEach(() => {
    upstream.received.length = 0;
  });
  const policies: OutboundAddressPolicy[] = [];
  afterEach(() => policies.splice(0).forEach(p => p.close()));

  function setup(
    options: {
      settings?: Partial<TryItSettings>;
      access?: TryItAccess['assertCanTry'];
      resolver?: HostResolver;
      privateTargets?: PrivateTarget[];
    } = {},
  ) {
    const catalog = catalogServiceMock({
      entities: [
        apiEntity('payments', definitionFor(upstream.port)),
        apiEntity('payments-query', definitionFor(upstream.port, { in: 'query', name: 'api_key' })),
        apiEntity('broken', 'openapi: 3.0.0\ninfo: {}\n'),
      ],
    });
    const keyFor = jest.fn<ReturnType<ConsoleKeyProvider['keyFor']>, Parameters<ConsoleKeyProvider['keyFor']>>(
      async () => CONSOLE_KEY,
    );
    const assertCanTry = jest.fn(options.access ?? (async () => {}));
    const outbound = new OutboundAddressPolicy({
      privateTargets: options.privateTargets ?? upstreamTargets(upstream.port),
      configKey: 'apim.tryIt.privateTargets',
      resolver: options.resolver,
    });
    policies.push(outbound);
    const service = new TryItService({
      catalog,
      consoleKeys: { keyFor },
      access: { assertCanTry },
      settings: { ...DEFAULT_TRY_IT_SETTINGS, ...options.settings },
      outbound,
    });
    return { service, keyFor, assertCanTry };
  }

  const request = (overrides: Partial<TryItRequest> = {}): TryItRequest => ({
    apiRef: 'api:default/payments',
    applicationId: APPLICATION_ID,
    environment: 'sandbox',
    serverUrl: base,
    method: 'GET',
    path: '/payments/pay_123',
    ...overrides,
  });

  it('calls the declared server with the key in the header, and never returns the key', async () => {
    const { service, keyFor, assertCanTry } = setup();
    const response = await service.call(
      request({ query: { expand: 'customer' }, headers: { 'X-Trace': 't-1' } }),
      { credentials },
    );

    expect(response).toEqual(
      expect.objectContaining({
        status: 200,
        statusText: 'OK',
        bodyEncoding: 'utf8',
        truncated: false,
        url: `${base}/payments/pay_123?expand=customer`,
      }),
    );
    expect(JSON.parse(response.body)).toEqual({ id: 'pay_123', status: 'captured' });
    expect(response.durationMs).toEqual(expect.any(Number));
    expect(response.headers['x-request-id']).toBe('req-1');
    expect(response.headers['set-cookie']).toBeUndefined();

    expect(upstream.received).toHaveLength(1);
    const [arrived] = upstream.received;
    expect(arrived.url).toBe('/v1/payments/pay_123?expand=customer');
    expect(arrived.headers['x-api-key']).toBe(CONSOLE_KEY);
    expect(arrived.headers['x-trace']).toBe('t-1');
    expect(arrived.headers.host).toBe(`${UPSTREAM_HOST}:${upstream.port}`);

    expect(JSON.stringify(response)).not.toContain(CONSOLE_KEY);
    expect(keyFor).toHaveBeenCalledWith(APPLICATION_ID, 'api:default/payments', 'sandbox');
    expect(assertCanTry).toHaveBeenCalledWith({
      credentials,
      applicationId: APPLICATION_ID,
      apiRef: 'api:default/payments',
      environment: 'sandbox',
    });
  });

  it('redacts the key when the upstream echoes it in its headers or body', async () => {
    const { service } = setup();
    const response = await service.call(
      request({ method: 'POST', path: '/echo', body: '{"amount":4999}' }),
      { credentials },
    );
    expect(upstream.received[0].headers['x-api-key']).toBe(CONSOLE_KEY);
    expect(upstream.received[0].headers['content-type']).toBe('application/json');
    expect(upstream.received[0].body).toBe('{"amount":4999}');
    expect(JSON.stringify(response)).not.toContain(CONSOLE_KEY);
    expect(response.headers['x-echo-key']).toBe('REDACTED');
    expect(JSON.parse(response.body).headers['x-api-key']).toBe('REDACTED');
  });

  it('redacts a key that the response limit would cut in two', async () => {
    const whole = await setup().service.call(request({ path: '/echo' }), { credentials });
    const at = whole.body.indexOf('REDACTED');
    expect(at).toBeGreaterThan(0);
    const { service } = setup({ settings: { maxResponseBodyBytes: at + 6 } });
    const cut = await service.call(request({ path: '/echo' }), { credentials });
    expect(cut.truncated).toBe(true);
    expect(cut.body).toBe(`${whole.body.slice(0, at)}REDACT`);
    expect(cut.body).not.toContain(CONSOLE_KEY.slice(0, 6));
  });

  it('puts the key in the query when the scheme says so, redacted in the URL it returns', async () => {
    const { service } = setup();
    const response = await service.call(
      request({ apiRef: 'payments-query', path: '/echo', query: { q: 'a b' } }),
      { credentials },
    );
    const arrived = new URL(upstream.received[0].url, base);
    expect(arrived.searchParams.get('api_key')).toBe(CONSOLE_KEY);
    expect(arrived.searchParams.get('q')).toBe('a b');
    expect(upstream.received[0].headers['x-api-key']).toBeUndefined();
    expect(response.url).toBe(`${base}/echo?q=a+b&api_key=REDACTED`);
    expect(JSON.stringify(response)).not.toContain(CONSOLE_KEY);
  });

  it('refuses a server the definition does not declare for the environment', async () => {
    const { service, keyFor } = setup();
    await expect(
      service.call(request({ serverUrl: `http://${UPSTREAM_HOST}:9/v1` }), { credentials }),
    ).rejects.toThrow(/^serverUrl: .* is not a server the definition of api:default\/payments declares for sandbox/);
    // Declared, but for another environment.
    await expect(
      service.call(request({ serverUrl: `http://upstream.test:${upstream.port}/v1` }), { credentials }),
    ).rejects.toThrow(/^serverUrl: /);
    expect(keyFor).not.toHaveBeenCalled();
    expect(upstream.received).toHaveLength(0);
  });

  it('refuses a path or method the definition does not declare', async () => {
    const { service } = setup();
    await expect(service.call(request({ path: '/admin/users' }), { credentials })).rejects.toThrow(
      /^path: \/admin\/users matches no path/,
    );
    await expect(service.call(request({ path: '/payments/a/b' }), { credentials })).rejects.toThrow(/^path: /);
    await expect(service.call(request({ path: '/payments/..' }), { credentials })).rejects.toThrow(
      /^path: .* has a '\.\.' segment/,
    );
    await expect(service.call(request({ path: '/payments/%2e%2E' }), { credentials })).rejects.toThrow(/^path: /);
    await expect(service.call(request({ path: '/payments?x=1' }), { credentials })).rejects.toThrow(/^path: /);
    await expect(
      service.call(request({ method: 'PUT', path: '/payments/pay_1' }), { credentials }),
    ).rejects.toThrow(/^method: PUT \/payments\/pay_1 is not an operation .* \(declared for this path: GET, DELETE\)/);
    expect(upstream.received).toHaveLength(0);
  });

  it('refuses an API that is not in the catalog or whose definition does not parse', async () => {
    const { service } = setup();
    await expect(service.call(request({ apiRef: 'api:default/nope' }), { credentials })).rejects.toThrow(
      NotFoundError,
    );
    await expect(service.call(request({ apiRef: 'broken' }), { credentials })).rejects.toThrow(
      /^apiRef: the definition of api:default\/broken cannot be used/,
    );
  });

  it('refuses a public-declared server that resolves to loopback (SSRF)', async () => {
    const { service, keyFor } = setup();
    const attempt = service.call(request({ serverUrl: `http://localhost:${upstream.port}/v1` }), {
      credentials,
    });
    await expect(attempt).rejects.toThrow(OutboundTargetRefusedError);
    await expect(attempt).rejects.toThrow(
      /^localhost:\d+ is not an allowed outbound target: .*apim\.tryIt\.privateTargets/,
    );
    expect(keyFor).not.toHaveBeenCalled();
    expect(upstream.received).toHaveLength(0);
  });

  it('ignores x-portico-private: loopback declared private is refused, even with loopback listed', async () => {
    const { service, keyFor } = setup({
      privateTargets: [
        { cidr: '127.0.0.0/8', ports: [upstream.port] },
        { host: 'localhost', ports: [upstream.port] },
      ],
    });
    await expect(
      service.call(request({ serverUrl: `http://127.0.0.1:${upstream.port}/v1` }), { credentials }),
    ).rejects.toThrow(OutboundTargetRefusedError);
    expect(keyFor).not.toHaveBeenCalled();
  });

  it('refuses a private-declared server whose address or port is not in apim.tryIt.privateTargets', async () => {
    const unlisted = setup({ privateTargets: [] });
    await expect(unlisted.service.call(request(), { credentials })).rejects.toThrow(OutboundTargetRefusedError);
    const otherPort = setup({ privateTargets: [{ cidr: `${UPSTREAM_HOST}/32`, ports: [upstream.port + 1] }] });
    await expect(otherPort.service.call(request(), { credentials })).rejects.toThrow(OutboundTargetRefusedError);
    expect(unlisted.keyFor).not.toHaveBeenCalled();
    expect(upstream.received).toHaveLength(0);
  });

  it('refuses IPv4-mapped, link-local and any private answer among several', async () => {
    const answers: Record<string, string[]> = {};
    const resolver: HostResolver = async host =>
      (answers[host] ?? []).map(address => ({ address, family: address.includes(':') ? 6 : 4 }));
    const { service } = setup({
      resolver,
      privateTargets: [{ host: 'upstream.test', ports: [upstream.port] }],
    });
    const staging = (host: string) =>
      request({ environment: 'staging', serverUrl: `http://${host}:${upstream.port}/v1` });

    for (const answer of [['::ffff:127.0.0.1'], ['93.184.215.14', '10.1.2.3'], ['100.64.0.7']]) {
      answers['public.test'] = answer;
      await expect(service.call(staging('public.test'), { credentials })).rejects.toThrow(OutboundTargetRefusedError);
    }
    // Even a listed host never reaches link-local (cloud metadata) or loopback.
    for (const answer of [['169.254.169.254'], ['127.0.0.1'], [UPSTREAM_HOST, '::1']]) {
      answers['upstream.test'] = answer;
      await expect(service.call(staging('upstream.test'), { credentials })).rejects.toThrow(OutboundTargetRefusedError);
    }
    expect(upstream.received).toHaveLength(0);
  });

  it('connects to the address it checked, whatever DNS says afterwards (pinning)', async () => {
    let lookups = 0;
    // First answer the listed address, then a rebind to loopback.
    const resolver: HostResolver = async () => {
      lookups++;
      return [{ address: lookups === 1 ? UPSTREAM_HOST : '127.0.0.1', family: 4 }];
    };
    const { service } = setup({ resolver });
    const response = await service.call(
      request({ environment: 'staging', serverUrl: `http://upstream.test:${upstream.port}/v1` }),
      { credentials },
    );
    expect(response.status).toBe(200);
    expect(lookups).toBe(1);
    // The name is not resolvable by the system: the request went to the pinned address.
    expect(upstream.received[0].headers.host).toBe(`upstream.test:${upstream.port}`);
  });

  it('tries every checked address of a dual-stack name, and only those', async () => {
    // The upstream listens on IPv4 only: the IPv6 answer fails and the IPv4 one is used.
    const resolver: HostResolver = async () => [
      { address: 'fd00::dead:beef', family: 6 },
      { address: UPSTREAM_HOST, family: 4 },
    ];
    const { service } = setup({ resolver, privateTargets: [{ host: 'upstream.test', ports: [upstream.port] }] });
    const response = await service.call(
      request({ environment: 'staging', serverUrl: `http://upstream.test:${upstream.port}/v1` }),
      { credentials },
    );
    expect(response.status).toBe(200);
  });

  it('returns a redirect as it is, without following it', async () => {
    const { service } = setup();
    const response = await service.call(request({ path: '/redirect' }), { credentials });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('http://elsewhere.example/steal');
    expect(upstream.received).toHaveLength(1);
  });

  it('truncates a response past the limit', async () => {
    const { service } = setup({ settings: { maxResponseBodyBytes: 1000 } });
    const response = await service.call(request({ path: '/big' }), { credentials });
    expect(response.status).toBe(200);
    expect(response.truncated).toBe(true);
    expect(response.body).toBe('a'.repeat(1000));
  });

  it('returns binary bodies as base64', async () => {
    const { service } = setup();
    const response = await service.call(request({ path: '/binary' }), { credentials });
    expect(response.bodyEncoding).toBe('base64');
    expect(Buffer.from(response.body, 'base64')).toEqual(Buffer.from([0, 1, 2, 0xff, 0xfe]));
  });

  it('answers one 502 for a timeout and a name that does not resolve (no port scan)', async () => {
    const { service } = setup({
      settings: { timeoutMs: 200 },
      resolver: async () => {
        throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
      },
    });
    const started = Date.now();
    const timedOut = await service.call(request({ path: '/slow' }), { credentials }).catch(e => e);
    expect(Date.now() - started).toBeLessThan(2000);
    const unresolved = await service
      .call(request({ environment: 'staging', serverUrl: `http://upstream.test:${upstream.port}/v1` }), { credentials })
      .catch(e => e);

    for (const error of [timedOut, unresolved]) {
      expect(error).toBeInstanceOf(OutboundConnectionError);
      expect(error.statusCode).toBe(502);
      expect(error.message).toMatch(/^Could not connect to http:\/\/.*, or it gave no complete answer within 0\.2 s$/);
      expect(error.message).not.toMatch(/ENOTFOUND|ECONNREFUSED|timed out/);
    }
  });

  it('refuses methods the environment does not allow (no DELETE on production)', async () => {
    const { service, keyFor } = setup();
    const attempt = service.call(
      request({ environment: 'production', method: 'DELETE', path: '/payments/pay_1' }),
      { credentials },
    );
    await expect(attempt).rejects.toThrow(NotAllowedError);
    await expect(attempt).rejects.toThrow(
      'DELETE is not allowed from Try-It in production; allowed there: GET, HEAD, OPTIONS, POST (apim.tryIt.allowedMethods.production)',
    );
    expect(keyFor).not.toHaveBeenCalled();
    // The same call is fine in sandbox.
    const sandbox = await service.call(request({ method: 'DELETE', path: '/payments/pay_1' }), { credentials });
    expect(sandbox.status).toBe(200);
  });

  it.each([
    ['Host', 'evil.example'],
    ['Cookie', 'session=1'],
    ['Authorization', 'Bearer x'],
    ['x-api-key', 'mine'],
    ['Proxy-Authorization', 'Basic x'],
    ['Forwarded', 'for=1.2.3.4'],
    ['X-Forwarded-For', '1.2.3.4'],
  ])('refuses a %s header set by the caller', async (name, value) => {
    const { service } = setup();
    await expect(service.call(request({ headers: { [name]: value } }), { credentials })).rejects.toThrow(
      new RegExp(`^headers\\.${name}: this header may not be set from Try-It`),
    );
    expect(upstream.received).toHaveLength(0);
  });

  it('refuses the scheme key in the query, bad header names and values, and oversized bodies', async () => {
    const { service } = setup({ settings: { maxRequestBodyBytes: 10 } });
    await expect(
      service.call(request({ apiRef: 'payments-query', query: { api_key: 'x' } }), { credentials }),
    ).rejects.toThrow(/^query\.api_key: /);
    await expect(service.call(request({ headers: { 'bad name': 'x' } }), { credentials })).rejects.toThrow(
      /^headers\.bad name: not a valid HTTP header name/,
    );
    await expect(service.call(request({ headers: { 'X-A': 'a\r\nX-B: b' } }), { credentials })).rejects.toThrow(
      /^headers\.X-A: /,
    );
    await expect(
      service.call(request({ method: 'POST', path: '/payments', body: '{"amount":4999}' }), { credentials }),
    ).rejects.toThrow(/^body: 15 bytes is more than Try-It sends \(10 bytes/);
  });

  it('drops hop-by-hop headers instead of forwarding them', async () => {
    const { service } = setup();
    await service.call(
      request({ path: '/echo', headers: { Connection: 'close, X-Drop', 'X-Drop': '1', TE: 'trailers', 'X-Keep': '1' } }),
      { credentials },
    );
    const headers = upstream.received[0].headers;
    expect(headers['x-drop']).toBeUndefined();
    expect(headers.te).toBeUndefined();
    expect(headers['x-keep']).toBe('1');
  });

  it('propagates an access denial and a missing subscription, and sends nothing', async () => {
    const denied = setup({
      access: async () => {
        throw new NotAllowedError('You are not a member of group:default/payments-team');
      },
    });
    await expect(denied.service.call(request(), { credentials })).rejects.toThrow(NotAllowedError);
    expect(denied.keyFor).not.toHaveBeenCalled();

    const unsubscribed = setup({
      access: async () => {
        throw new ConflictError('The application has no active subscription to api:default/payments in sandbox');
      },
    });
    await expect(unsubscribed.service.call(request(), { credentials })).rejects.toThrow(ConflictError);
    expect(unsubscribed.keyFor).not.toHaveBeenCalled();
    expect(upstream.received).toHaveLength(0);
  });
});
