import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  APP_ID,
  apiDetails,
  apiKey,
  apiSummary,
  application,
  page,
  subscription,
} from '../__testUtils__/fixtures';
import { ApimClient } from './ApimClient';
import { describeError, fieldErrorOf } from './errors';

const baseUrl = 'http://backstage.test/api/apim';

/** The body Backstage's error middleware sends for a thrown error. */
function errorBody(name: string, message: string, statusCode: number) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'POST', url: '/applications' },
      response: { statusCode },
    },
    { status: statusCode },
  );
}

type Seen = { method: string; url: URL; body: unknown };

describe('ApimClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new ApimClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch(),
  });

  /** Answers every request with `reply` and records what was sent. */
  function record(reply: () => Response) {
    const seen: Seen[] = [];
    server.use(
      http.all(`${baseUrl}/*`, async ({ request }) => {
        const text = await request.text();
        seen.push({
          method: request.method,
          url: new URL(request.url),
          body: text ? JSON.parse(text) : undefined,
        });
        return reply();
      }),
    );
    return seen;
  }

  it('lists APIs with the filters given, leaving out empty ones', async () => {
    const body = page([apiSummary()], {
      totalCount: 40,
      limit: 10,
      offset: 10,
    });
    const seen = record(() => HttpResponse.json(body));

    await expect(
      client.listApis({
        search: 'pay',
        owner: 'group:default/payments-team',
        system: '',
        lifecycle: 'production',
        type: 'openapi',
        tag: 'rest',
        limit: 10,
        offset: 10,
      }),
    ).resolves.toEqual(body);

    expect(seen[0].method).toBe('GET');
    expect(seen[0].url.pathname).toBe('/api/apim/apis');
    expect(Object.fromEntries(seen[0].url.searchParams)).toEqual({
      search: 'pay',
      owner: 'group:default/payments-team',
      lifecycle: 'production',
      type: 'openapi',
      tag: 'rest',
      limit: '10',
      offset: '10',
    });
  });

  it('gets an API by its entity ref, namespace defaulted', async () => {
    const seen = record(() => HttpResponse.json(apiDetails()));

    await client.getApi('api:acme/payments-api');
    await client.getApi('refunds-api');

    expect(seen.map(s => s.url.pathname)).toEqual([
      '/api/apim/apis/acme/payments-api',
      '/api/apim/apis/default/refunds-api',
    ]);
  });

  it('lists applications, mine only when asked', async () => {
    const seen = record(() => HttpResponse.json(page([application()])));

    await client.listApplications({ mine: true, limit: 25, offset: 0 });
    await client.listApplications({ owner: 'group:default/devops-acme' });
    await client.listApplications({ mine: false });

    expect(seen.map(s => s.url.search)).toEqual([
      '?limit=25&offset=0&mine=true',
      '?owner=group%3Adefault%2Fdevops-acme',
      '',
    ]);
  });

  it('creates, reads, changes and deletes an application', async () => {
    const seen = record(() =>
      seen.length === 3
        ? new HttpResponse(null, { status: 204 })
        : HttpResponse.json(application(), { status: 201 }),
    );
    const request = {
      name: 'checkout-web',
      description: 'The web shop checkout',
      owner: 'group:default/devops-acme',
      environments: ['sandbox' as const],
    };

    await expect(client.createApplication(request)).resolves.toEqual(
      application(),
    );
    await client.getApplication(APP_ID);
    await client.updateApplication(APP_ID, { environments: ['production'] });
    await expect(client.deleteApplication(APP_ID)).resolves.toBeUndefined();

    expect(seen.map(s => [s.method, s.url.pathname, s.body])).toEqual([
      ['POST', '/api/apim/applications', request],
      ['GET', `/api/apim/applications/${APP_ID}`, undefined],
      [
        'PATCH',
        `/api/apim/applications/${APP_ID}`,
        { environments: ['production'] },
      ],
      ['DELETE', `/api/apim/applications/${APP_ID}`, undefined],
    ]);
  });

  it('lists subscriptions awaiting my decision and by application', async () => {
    const seen = record(() => HttpResponse.json(page([subscription()])));

    await client.listSubscriptions({ awaitingMyDecision: true, limit: 50 });
    await client.listSubscriptions({
      applicationId: APP_ID,
      apiRef: 'api:default/payments-api',
      state: 'active',
    });

    expect(Object.fromEntries(seen[0].url.searchParams)).toEqual({
      limit: '50',
      awaitingMyDecision: 'true',
    });
    expect(Object.fromEntries(seen[1].url.searchParams)).toEqual({
      applicationId: APP_ID,
      apiRef: 'api:default/payments-api',
      state: 'active',
    });
  });

  it('subscribes and moves subscriptions with their comments', async () => {
    const seen = record(() => HttpResponse.json(subscription()));
    const id = subscription().id;

    await client.createSubscription({
      applicationId: APP_ID,
      apiRef: 'api:default/payments-api',
      plan: 'gold',
      environment: 'production',
    });
    await client.getSubscription(id);
    await client.changeSubscription(id, 'approve', '  welcome aboard ');
    await client.changeSubscription(id, 'suspend');
    await client.changeSubscription(id, 'resume', '   ');
    await client.changeSubscription(id, 'revoke', 'contract ended');
    await client.rejectSubscription(id, ' use the free plan in sandbox ');

    expect(seen.map(s => [s.method, s.url.pathname, s.body])).toEqual([
      [
        'POST',
        '/api/apim/subscriptions',
        {
          applicationId: APP_ID,
          apiRef: 'api:default/payments-api',
          plan: 'gold',
          environment: 'production',
        },
      ],
      ['GET', `/api/apim/subscriptions/${id}`, undefined],
      [
        'POST',
        `/api/apim/subscriptions/${id}/approve`,
        { comment: 'welcome aboard' },
      ],
      ['POST', `/api/apim/subscriptions/${id}/suspend`, {}],
      ['POST', `/api/apim/subscriptions/${id}/resume`, {}],
      [
        'POST',
        `/api/apim/subscriptions/${id}/revoke`,
        { comment: 'contract ended' },
      ],
      [
        'POST',
        `/api/apim/subscriptions/${id}/reject`,
        { comment: 'use the free plan in sandbox' },
      ],
    ]);
  });

  it('lists, creates, rotates and revokes keys', async () => {
    const issued = { key: apiKey(), secret: 'pt_sbx_7Hq2secretx9Qa' };
    const seen = record(() =>
      seen.length === 1
        ? HttpResponse.json([apiKey()])
        : HttpResponse.json(issued),
    );

    await expect(client.listKeys(APP_ID)).resolves.toEqual([apiKey()]);
    await expect(
      client.createKey(APP_ID, { environment: 'sandbox', expiresInDays: 90 }),
    ).resolves.toEqual(issued);
    await client.rotateKey('k-1', { graceHours: 48 });
    await client.rotateKey('k-1');
    await client.revokeKey('k-1');

    expect(seen.map(s => [s.method, s.url.pathname, s.body])).toEqual([
      ['GET', `/api/apim/applications/${APP_ID}/keys`, undefined],
      [
        'POST',
        `/api/apim/applications/${APP_ID}/keys`,
        { environment: 'sandbox', expiresInDays: 90 },
      ],
      ['POST', '/api/apim/keys/k-1/rotate', { graceHours: 48 }],
      ['POST', '/api/apim/keys/k-1/rotate', {}],
      ['POST', '/api/apim/keys/k-1/revoke', {}],
    ]);
  });

  it('posts Try-It requests and code-sample requests as given', async () => {
    const request = {
      apiRef: 'api:default/payments-api',
      applicationId: APP_ID,
      environment: 'sandbox' as const,
      serverUrl: 'https://api.sandbox.acme.example/payments/v1',
      method: 'GET' as const,
      path: '/payments/pay_123',
      query: { expand: 'customer' },
      headers: { Accept: 'application/json' },
    };
    const tryItResponse = {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      body: '{"id":"pay_123"}',
      bodyEncoding: 'utf8',
      truncated: false,
      durationMs: 42,
      url: 'https://api.sandbox.acme.example/payments/v1/payments/pay_123?expand=customer',
    };
    const samples = [{ language: 'shell', label: 'curl', code: 'curl ...' }];
    const seen = record(() =>
      seen.length === 1
        ? HttpResponse.json(tryItResponse)
        : HttpResponse.json({ samples }),
    );

    await expect(client.tryIt(request)).resolves.toEqual(tryItResponse);
    await expect(client.codeSamples(request)).resolves.toEqual(samples);

    expect(seen.map(s => [s.method, s.url.pathname, s.body])).toEqual([
      ['POST', '/api/apim/try-it', request],
      ['POST', '/api/apim/code-samples', request],
    ]);
  });

  it("throws a ResponseError that carries the server's 400, field first", async () => {
    server.use(
      http.post(`${baseUrl}/applications`, () =>
        errorBody(
          'InputError',
          'name: lowercase letters, digits and dashes',
          400,
        ),
      ),
    );

    const error = await client
      .createApplication({
        name: 'Checkout',
        owner: 'group:default/devops-acme',
        environments: ['sandbox'],
      })
      .catch((e: Error) => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).body.error.message).toBe(
      'name: lowercase letters, digits and dashes',
    );
    expect(describeError(error as Error)).toBe(
      'name: lowercase letters, digits and dashes',
    );
    expect(fieldErrorOf(error as Error, ['name', 'owner'])).toEqual({
      field: 'name',
      message: 'lowercase letters, digits and dashes',
    });
    expect(fieldErrorOf(error as Error, ['owner'])).toEqual({
      message: 'name: lowercase letters, digits and dashes',
    });
  });

  it('keeps the status of refusals and conflicts', async () => {
    server.use(
      http.post(`${baseUrl}/subscriptions/:id/approve`, () =>
        errorBody(
          'NotAllowedError',
          'You asked for this subscription: someone else must approve it',
          403,
        ),
      ),
      http.post(`${baseUrl}/keys/:id/revoke`, () =>
        errorBody('ConflictError', 'key is already revoked', 409),
      ),
    );

    const refused = await client
      .changeSubscription('s-1', 'approve')
      .catch((e: Error) => e);
    const conflict = await client.revokeKey('k-1').catch((e: Error) => e);

    expect(refused).toMatchObject({ statusCode: 403 });
    expect(describeError(refused as Error)).toBe(
      'You asked for this subscription: someone else must approve it',
    );
    expect(conflict).toMatchObject({ statusCode: 409 });
    expect(fieldErrorOf(conflict as Error, ['comment'])).toEqual({
      message: 'key is already revoked',
    });
  });
});
