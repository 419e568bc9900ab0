import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  IntegrationHttpClient,
  IntegrationHttpError,
  IntegrationNotConfiguredError,
  isIntegrationConfigured,
  parseRetryAfter,
  Redactor,
  requireIntegrationConfig,
  retryingFetch,
} from '.';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const waits: number[] = [];
const policy = { retries: 3, timeoutMs: 2000, sleep: async (ms: number) => void waits.push(ms) };
beforeEach(() => {
  waits.length = 0;
});

describe('retryingFetch', () => {
  it('retries a 429 after its Retry-After and returns the answer that follows', async () => {
    let calls = 0;
    server.use(
      http.get('https://vendor.test/things', () =>
        ++calls === 1
          ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '7' } })
          : HttpResponse.json({ ok: true }),
      ),
    );
    const response = await retryingFetch('https://vendor.test/things', {}, policy);
    expect(response.status).toBe(200);
    expect(calls).toBe(2);
    expect(waits).toEqual([7000]);
  });

  it('does not retry a POST on 500 (it may have done the work) but does on 503', async () => {
    let calls = 0;
    server.use(http.post('https://vendor.test/users', () => new HttpResponse(null, { status: ++calls === 1 ? 500 : 201 })));
    expect((await retryingFetch('https://vendor.test/users', { method: 'POST' }, policy)).status).toBe(500);
    expect(calls).toBe(1);

    calls = 0;
    server.use(http.post('https://vendor.test/users', () => new HttpResponse(null, { status: ++calls === 1 ? 503 : 201 })));
    expect((await retryingFetch('https://vendor.test/users', { method: 'POST' }, policy)).status).toBe(201);
    expect(calls).toBe(2);
  });

  it('gives up after the configured retries and returns the last answer', async () => {
    let calls = 0;
    server.use(http.get('https://vendor.test/down', () => { calls++; return new HttpResponse(null, { status: 502 }); }));
    expect((await retryingFetch('https://vendor.test/down', {}, { ...policy, retries: 2 })).status).toBe(502);
    expect(calls).toBe(3);
  });

  it('fails with a timeout message when the server does not answer in time', async () => {
    server.use(http.patch('https://vendor.test/slow', async () => { await new Promise(r => setTimeout(r, 500)); return HttpResponse.json({}); }));
    await expect(retryingFetch('https://vendor.test/slow', { method: 'PATCH' }, { ...policy, timeoutMs: 50 })).rejects.toThrow(
      'PATCH vendor.test timed out after 50 ms',
    );
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('IntegrationHttpClient', () => {
  const client = new IntegrationHttpClient({
    system: 'Vendor',
    baseUrl: 'https://vendor.test/api/v1/',
    headers: () => ({ Authorization: 'Bearer s3cret-token' }),
    policy,
    redactor: new Redactor(['s3cret-token']),
  });

  it('sends JSON with the auth headers and the query', async () => {
    let seen: Request | undefined;
    server.use(
      http.post('https://vendor.test/api/v1/items', async ({ request }) => {
        seen = request.clone();
        return HttpResponse.json({ id: 1 }, { status: 201 });
      }),
    );
    const { body } = await client.request({ method: 'POST', path: 'items', query: { dry: true, skip: undefined }, body: { a: 1 } });
    expect(body).toEqual({ id: 1 });
    expect(seen!.url).toBe('https://vendor.test/api/v1/items?dry=true');
    expect(seen!.headers.get('authorization')).toBe('Bearer s3cret-token');
    expect(await seen!.json()).toEqual({ a: 1 });
  });

  it('throws the OData error message and code, with secrets masked', async () => {
    server.use(
      http.get('https://vendor.test/api/v1/me', () =>
        HttpResponse.json({ error: { code: 'Authorization_RequestDenied', message: 'Token s3cret-token lacks rights' } }, { status: 403 }),
      ),
    );
    const error = await client.request({ path: 'me' }).catch(e => e);
    expect(error).toBeInstanceOf(IntegrationHttpError);
    expect(error.message).toBe('Vendor answered HTTP 403 Authorization_RequestDenied: Token *** lacks rights');
  });

  it('refuses a next-page link to another origin', async () => {
    await expect(client.request({ path: 'https://elsewhere.test/api/v1/items' })).rejects.toThrow('refusing to follow https://elsewhere.test');
  });
});

describe('integration config', () => {
  const config = new ConfigReader({ portico: { integrations: { awx: { baseUrl: 'https://awx.test', token: '' } } } });

  it('names the first missing key', () => {
    const error = (() => {
      try {
        requireIntegrationConfig(config, { system: 'AWX', key: 'portico.integrations.awx', required: ['baseUrl', 'token'] });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(IntegrationNotConfiguredError);
    expect((error as Error).message).toBe('AWX is not configured: set portico.integrations.awx.token in app-config');
    expect(isIntegrationConfigured(config, { key: 'portico.integrations.awx', required: ['baseUrl'] })).toBe(true);
    expect(isIntegrationConfigured(config, { key: 'portico.integrations.slack', required: ['webhookUrl'] })).toBe(false);
  });
});

describe('Redactor', () => {
  it('masks secrets in log lines and their metadata', () => {
    const lines: string[] = [];
    const sink: any = {
      info: (m: string, meta?: object) => lines.push(`${m} ${JSON.stringify(meta ?? {})}`),
      child: () => sink,
    };
    const logger = new Redactor(['Pa55-word!']).logger(sink);
    logger.info('password Pa55-word! set', { form: 'p=Pa55-word!%21', encoded: encodeURIComponent('Pa55-word!') });
    expect(lines[0]).not.toContain('Pa55-word');
  });
});
