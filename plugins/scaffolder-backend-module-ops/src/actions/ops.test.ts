import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { HostResolver } from '@portico/portico-node';
import { createAwxJobLaunchAction } from './awx';
import { createHttpRequestAction } from './httpRequest';
import { createSlackMessageAction, createTeamsMessageAction } from './notify';

const server = setupServer();
const seen: { method: string; url: string; body?: any; authorization: string | null }[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  seen.length = 0;
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
server.events.on('request:start', async ({ request }) => {
  const text = ['GET', 'DELETE'].includes(request.method) ? '' : await request.clone().text();
  seen.push({ method: request.method, url: request.url, body: text ? JSON.parse(text) : undefined, authorization: request.headers.get('authorization') });
});

const config = new ConfigReader({
  portico: {
    integrations: {
      awx: { baseUrl: 'https://awx.test', token: 'awx-t0ken', pollIntervalSeconds: 1, retries: 1 },
      slack: { botToken: 'xoxb-slack-token', defaultChannel: 'C123', apiBaseUrl: 'https://slack.test/api' },
      teams: { webhookUrl: 'https://teams.test/webhookb2/abc/IncomingWebhook/def' },
      http: {
        targets: {
          vpn: {
            baseUrl: 'https://vpn.test/api',
            headers: { 'X-Api-Key': 'vpn-api-key' },
            methods: ['POST'],
            pathPrefixes: ['/profiles'],
          },
        },
      },
    },
  },
});

/** DNS as the tests play it: each test host resolves to the address given. */
function resolveTo(address: string): HostResolver {
  return async () => [{ address, family: address.includes(':') ? 6 : 4 }];
}
const publicDns = resolveTo('93.184.215.14');

function ctx(input: object, extra: object = {}) {
  return { ...createMockActionContext({ input: input as any }), ...extra } as any;
}

describe('awx:job:launch', () => {
  it('launches the job template, follows the job to its end and returns status and URL', async () => {
    let polls = 0;
    server.use(
      http.post('https://awx.test/api/v2/job_templates/42/launch/', () =>
        HttpResponse.json({ job: 1007, id: 1007, status: 'pending', url: '/api/v2/jobs/1007/' }, { status: 201 }),
      ),
      http.get('https://awx.test/api/v2/jobs/1007/', () => HttpResponse.json({ id: 1007, status: ++polls < 3 ? 'running' : 'successful' })),
    );
    const action = createAwxJobLaunchAction({ config, sleep: async () => undefined });
    const context = ctx({ jobTemplateId: 42, extraVars: { version: '1.4.2' }, limit: 'prod-web' });
    await action.handler(context);
    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'POST https://awx.test/api/v2/job_templates/42/launch/',
      'GET https://awx.test/api/v2/jobs/1007/',
      'GET https://awx.test/api/v2/jobs/1007/',
      'GET https://awx.test/api/v2/jobs/1007/',
    ]);
    expect(seen[0].body).toEqual({ extra_vars: { version: '1.4.2' }, limit: 'prod-web' });
    expect(seen[0].authorization).toBe('Bearer awx-t0ken');
    expect(context.output).toHaveBeenCalledWith('status', 'successful');
    expect(context.output).toHaveBeenCalledWith('jobUrl', 'https://awx.test/#/jobs/playbook/1007/output');
  });

  it('fails the step when the job fails, and when it outlives the timeout', async () => {
    server.use(
      http.post('https://awx.test/api/v2/job_templates/42/launch/', () => HttpResponse.json({ job: 8, status: 'pending' }, { status: 201 })),
      http.get('https://awx.test/api/v2/jobs/8/', () => HttpResponse.json({ id: 8, status: 'failed' })),
    );
    await expect(createAwxJobLaunchAction({ config, sleep: async () => undefined }).handler(ctx({ jobTemplateId: 42 }))).rejects.toThrow(
      'AWX job 8 (template 42) failed: https://awx.test/#/jobs/playbook/8/output',
    );

    let clock = 0;
    server.use(http.get('https://awx.test/api/v2/jobs/8/', () => HttpResponse.json({ id: 8, status: 'running' })));
    const action = createAwxJobLaunchAction({ config, sleep: async () => void (clock += 61_000), now: () => clock });
    await expect(action.handler(ctx({ jobTemplateId: 42, timeoutMinutes: 1 }))).rejects.toThrow('AWX job 8 still running after 1 min');
  });

  it("says AWX's own error (detail) and names the missing key when not configured", async () => {
    server.use(
      http.post('https://awx.test/api/v2/job_templates/42/launch/', () =>
        HttpResponse.json({ detail: 'You do not have permission to perform this action.' }, { status: 403 }),
      ),
    );
    await expect(createAwxJobLaunchAction({ config }).handler(ctx({ jobTemplateId: 42 }))).rejects.toThrow(
      'AWX answered HTTP 403: You do not have permission to perform this action.',
    );
    await expect(createAwxJobLaunchAction({ config: new ConfigReader({}) }).handler(ctx({ jobTemplateId: 42 }))).rejects.toThrow(
      'AWX is not configured: set portico.integrations.awx.baseUrl in app-config',
    );
  });

  it('dry run calls nothing', async () => {
    const context = ctx({ jobTemplateId: 42 }, { isDryRun: true });
    await createAwxJobLaunchAction({ config }).handler(context);
    expect(seen).toEqual([]);
    expect(context.output).toHaveBeenCalledWith('status', 'dry-run');
  });
});

describe('notify', () => {
  it('posts to Slack chat.postMessage with the bot token and fails on ok: false', async () => {
    server.use(http.post('https://slack.test/api/chat.postMessage', () => HttpResponse.json({ ok: true, ts: '1733.0001' })));
    const context = ctx({ text: 'deployed' });
    await createSlackMessageAction({ config }).handler(context);
    expect(seen[0]).toMatchObject({ body: { channel: 'C123', text: 'deployed' }, authorization: 'Bearer xoxb-slack-token' });
    expect(context.output).toHaveBeenCalledWith('ts', '1733.0001');

    server.use(http.post('https://slack.test/api/chat.postMessage', () => HttpResponse.json({ ok: false, error: 'channel_not_found' })));
    await expect(createSlackMessageAction({ config }).handler(ctx({ text: 'x', channel: 'C999' }))).rejects.toThrow('channel_not_found');
  });

  it('posts to a Slack incoming webhook at its exact URL', async () => {
    server.use(http.post('https://hooks.slack.test/services/T1/B2/xyz', () => new HttpResponse('ok')));
    const webhook = new ConfigReader({ portico: { integrations: { slack: { webhookUrl: 'https://hooks.slack.test/services/T1/B2/xyz' } } } });
    await createSlackMessageAction({ config: webhook }).handler(ctx({ text: 'hello' }));
    expect(seen.map(s => s.url)).toEqual(['https://hooks.slack.test/services/T1/B2/xyz']);
    expect(seen[0].body).toEqual({ text: 'hello' });
  });

  it('posts an Adaptive Card to the Teams webhook, without the webhook URL in errors', async () => {
    server.use(http.post('https://teams.test/webhookb2/abc/IncomingWebhook/def', () => new HttpResponse('1', { status: 200 })));
    await createTeamsMessageAction({ config }).handler(ctx({ title: 'SD-000123 resolved', text: 'Done' }));
    expect(seen[0].body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(seen[0].body.attachments[0].content.body).toEqual([
      { type: 'TextBlock', text: 'SD-000123 resolved', weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: 'Done', wrap: true },
    ]);
  });
});

describe('http:request', () => {
  it('calls the configured target with its secret headers', async () => {
    const received: { url: string; apiKey: string | null; body: unknown }[] = [];
    server.use(
      http.post('https://vpn.test/api/profiles', async ({ request }) => {
        received.push({ url: request.url, apiKey: request.headers.get('x-api-key'), body: await request.json() });
        return HttpResponse.json({ id: 'p-1' }, { status: 201 });
      }),
    );
    const context = ctx({ target: 'vpn', method: 'POST', path: '/profiles', body: { user: 'alice@contoso.example' } });
    await createHttpRequestAction({ config, resolver: publicDns }).handler(context);
    expect(received).toEqual([
      { url: 'https://vpn.test/api/profiles', apiKey: 'vpn-api-key', body: { user: 'alice@contoso.example' } },
    ]);
    expect(context.output).toHaveBeenCalledWith('status', 201);
    expect(context.output).toHaveBeenCalledWith('body', { id: 'p-1' });
  });

  it.each([
    [{ path: '/../admin' }, 'path: an absolute path under the target'],
    [{ path: '//evil.test/x' }, 'path: an absolute path under the target'],
    [{ path: '/users' }, 'outside the target'],
    [{ method: 'DELETE', path: '/profiles/1' }, 'method: DELETE is not allowed'],
    [{ target: 'intranet', path: '/x' }, "HTTP target 'intranet' is not configured: set portico.integrations.http.targets.intranet.baseUrl"],
  ])('refuses %p', async (input, message) => {
    await expect(createHttpRequestAction({ config, resolver: publicDns }).handler(ctx({ target: 'vpn', method: 'POST', ...input }))).rejects.toThrow(message);
    expect(seen).toEqual([]);
  });

  describe('through the outbound-address policy', () => {
    const withPrivateTargets = (privateTargets: object[]) =>
      new ConfigReader({
        portico: {
          integrations: {
            http: {
              privateTargets,
              targets: { vpn: { baseUrl: 'https://vpn.test/api', methods: ['POST'], pathPrefixes: ['/profiles'], retries: 0 } },
            },
          },
        },
      });
    const call = (cfg: ConfigReader, address: string) =>
      createHttpRequestAction({ config: cfg, resolver: resolveTo(address) }).handler(
        ctx({ target: 'vpn', method: 'POST', path: '/profiles', body: { user: 'alice' } }),
      );

    const reached: string[] = [];
    beforeEach(() => {
      reached.length = 0;
      server.use(
        http.post('https://vpn.test/api/profiles', ({ request }) => {
          reached.push(`${request.method} ${request.url}`);
          return HttpResponse.json({ id: 'p-2' }, { status: 201 });
        }),
      );
    });

    it('refuses a configured host that resolves to loopback, even when loopback is listed as private', async () => {
      await expect(call(withPrivateTargets([]), '127.0.0.1')).rejects.toThrow(
        /vpn\.test:443 is not an allowed outbound target.*portico\.integrations\.http\.privateTargets/,
      );
      await expect(call(withPrivateTargets([{ cidr: '127.0.0.0/8', ports: [443] }]), '127.0.0.1')).rejects.toThrow(
        'is not an allowed outbound target',
      );
      await expect(call(withPrivateTargets([{ host: 'vpn.test', ports: [443] }]), '::1')).rejects.toThrow(
        'is not an allowed outbound target',
      );
      expect(reached).toEqual([]);
    });

    it('refuses a host that resolves to a private address unless the operator listed it (host or CIDR, and port)', async () => {
      await expect(call(withPrivateTargets([]), '10.20.0.7')).rejects.toThrow('is not an allowed outbound target');
      await expect(call(withPrivateTargets([{ cidr: '10.20.0.0/16', ports: [8443] }]), '10.20.0.7')).rejects.toThrow(
        'is not an allowed outbound target',
      );
      expect(reached).toEqual([]);
      await call(withPrivateTargets([{ cidr: '10.20.0.0/16', ports: [443] }]), '10.20.0.7');
      await call(withPrivateTargets([{ host: 'vpn.test', ports: [443] }]), '10.20.0.7');
      expect(reached).toEqual([
        'POST https://vpn.test/api/profiles',
        'POST https://vpn.test/api/profiles',
      ]);
    });
  });
});
