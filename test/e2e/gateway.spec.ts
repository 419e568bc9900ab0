import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type APIRequestContext } from '@playwright/test';

/**
 * A real gateway in front of an API of the portal: `portico-gateway nginx` writes the nginx
 * config from the API portal, Debian's nginx runs it, and a local upstream answers behind it.
 * alice's key passes, no key and a revoked key are refused (after the verification cache time),
 * the plan's 5 requests/second is enforced with 429, and the calls that went through show on
 * the application's page once the access log is shipped.
 */

const ROOT = path.resolve(__dirname, '../..');
const WORK = path.join(ROOT, 'test-results/e2e/gateway');
const SCREENSHOTS = path.join(ROOT, 'test-results/e2e/screenshots');
const CLI = path.join(ROOT, 'packages/gateway/bin/portico-gateway');
const GATEWAY_TOKEN = 'e2e-gateway-token-0123456789';
const GATEWAY_PORT = 7180;
const UPSTREAM_PORT = 7179;
const CACHE_SECONDS = 2;
const DEMO_CHOICE_KEY = 'portico.demoSignIn.user';
const run = promisify(execFile);

let upstream: http.Server;
let upstreamCalls = 0;
let nginx: ChildProcess | undefined;

test.use({ actionTimeout: 30_000 });

test.beforeAll(async () => {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  upstream = http.createServer((req, res) => {
    upstreamCalls += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        pong: req.url,
        // What the gateway told the upstream, and that the key itself did not reach it.
        application: req.headers['x-portico-application'] ?? null,
        keyForwarded: 'x-api-key' in req.headers,
      }),
    );
  });
  await new Promise<void>(resolve => upstream.listen(UPSTREAM_PORT, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  nginx?.kill('SIGTERM');
  await new Promise(resolve => upstream?.close(resolve));
});

async function tokenOf(request: APIRequestContext, user: string) {
  const response = await request.get('/api/auth/demo/refresh', { headers: { 'x-portico-demo-user': user } });
  expect(response.status()).toBe(200);
  return (await response.json()).backstageIdentity.token as string;
}

function gatewayGet(key?: string) {
  return fetch(`http://127.0.0.1:${GATEWAY_PORT}/sandbox/metered-api/ping`, {
    headers: key ? { 'X-API-Key': key } : {},
  });
}

test('a key from the portal works through nginx, its plan is enforced, and its usage shows', async ({
  request,
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const alice = await tokenOf(request, 'alice');
  const asAlice = { Authorization: `Bearer ${alice}` };
  let applicationId = '';
  let key = '';
  let keyId = '';

  await test.step('alice subscribes an application to the metered plan and gets a sandbox key', async () => {
    const app = await request.post('/api/apim/applications', {
      headers: asAlice,
      data: { name: `gateway-${Date.now()}`, owner: 'devops-acme', environments: ['sandbox'] },
    });
    expect(app.status()).toBe(201);
    applicationId = (await app.json()).id;
    const subscription = await request.post('/api/apim/subscriptions', {
      headers: asAlice,
      data: { applicationId, apiRef: 'metered-api', plan: 'metered', environment: 'sandbox' },
    });
    expect(subscription.status()).toBe(201);
    const created = await request.post(`/api/apim/applications/${applicationId}/keys`, {
      headers: asAlice,
      data: { environment: 'sandbox' },
    });
    expect(created.status()).toBe(201);
    ({ secret: key } = await created.json());
    keyId = (await created.json()).key.id;
  });

  await test.step('the API portal lists the metered API (its projection follows the catalog)', async () => {
    await expect
      .poll(
        async () => {
          const list = await request.get('/api/apim/apis?search=metered', { headers: asAlice });
          return ((await list.json()).items ?? []).map((api: { ref: string }) => api.ref);
        },
        { timeout: 120_000, intervals: [2_000] },
      )
      .toContain('api:default/metered-api');
  });

  await test.step('portico-gateway writes the nginx config from the API portal and nginx starts with it', async () => {
    const env = { ...process.env, PORTICO_TOKEN: alice, PORTICO_GATEWAY_TOKEN: GATEWAY_TOKEN };
    const { stdout } = await run(
      CLI,
      ['nginx', '--portico-url', baseURL!, '--out', WORK, '--listen', `127.0.0.1:${GATEWAY_PORT}`, '--auth-cache-seconds', String(CACHE_SECONDS), '--apis', 'api:default/metered-api'],
      { env, cwd: ROOT },
    );
    expect(stdout).toMatch(/Wrote .*portico-gateway\.conf: 1 routes/);
    const generated = fs.readFileSync(path.join(WORK, 'portico-gateway.conf'), 'utf8');
    expect(generated).toContain('location /sandbox/metered-api/ {');
    expect(generated).toContain(`proxy_pass http://127.0.0.1:${UPSTREAM_PORT};`);

    // nginx's own files stay in the test's folder: no root paths, no daemon.
    fs.writeFileSync(
      path.join(WORK, 'nginx.conf'),
      [
        `pid ${WORK}/nginx.pid;`,
        `error_log ${WORK}/error.log warn;`,
        'events { worker_connections 256; }',
        'http {',
        `  client_body_temp_path ${WORK}/tmp-body;`,
        `  proxy_temp_path ${WORK}/tmp-proxy;`,
        `  fastcgi_temp_path ${WORK}/tmp-fastcgi;`,
        `  uwsgi_temp_path ${WORK}/tmp-uwsgi;`,
        `  scgi_temp_path ${WORK}/tmp-scgi;`,
        `  include ${WORK}/portico-gateway.conf;`,
        '}',
        '',
      ].join('\n'),
    );
    const binary = process.env.PORTICO_NGINX ?? '/usr/sbin/nginx';
    await run(binary, ['-t', '-p', WORK, '-c', path.join(WORK, 'nginx.conf')]);
    nginx = spawn(binary, ['-p', WORK, '-c', path.join(WORK, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
    await expect
      .poll(async () => (await gatewayGet().catch(() => undefined))?.status, { timeout: 10_000 })
      .toBe(401);
  });

  await test.step('the key gets 200 from the upstream, which sees the application and not the key', async () => {
    const response = await gatewayGet(key);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ pong: '/metered/ping', application: applicationId, keyForwarded: false });
  });

  await test.step('no key and a wrong key are refused with 401', async () => {
    expect((await gatewayGet()).status).toBe(401);
    expect((await gatewayGet(`${key.slice(0, -2)}xx`)).status).toBe(401);
  });

  await test.step('the plan allows 5 requests a second: a burst of 20 sees 429 beyond it', async () => {
    const before = upstreamCalls;
    const statuses = await Promise.all(Array.from({ length: 20 }, () => gatewayGet(key).then(r => r.status)));
    const limited = statuses.filter(s => s === 429).length;
    expect(limited).toBeGreaterThanOrEqual(10);
    expect(statuses.filter(s => s !== 200 && s !== 429)).toEqual([]);
    expect(upstreamCalls - before).toBe(20 - limited);
  });

  await test.step('a revoked key stops working within the verification cache time', async () => {
    await new Promise(resolve => setTimeout(resolve, 1_100)); // let the rate window pass
    expect((await gatewayGet(key)).status).toBe(200);
    const revoked = await request.post(`/api/apim/keys/${keyId}/revoke`, { headers: asAlice });
    expect(revoked.status()).toBe(200);
    await new Promise(resolve => setTimeout(resolve, (CACHE_SECONDS + 1) * 1000));
    expect((await gatewayGet(key)).status).toBe(401);
  });

  await test.step('the shipped access log shows on the application page', async () => {
    const env = { ...process.env, PORTICO_GATEWAY_TOKEN: GATEWAY_TOKEN };
    const { stdout } = await run(CLI, ['ship-usage', '--portico-url', baseURL!, '--log', path.join(WORK, 'access.log')], { env, cwd: ROOT });
    expect(stdout).toMatch(/Shipped \d+ lines/);
    const usage = await request.get(`/api/apim/applications/${applicationId}/usage?days=1`, { headers: asAlice });
    expect(usage.status()).toBe(200);
    const [day] = (await usage.json()).days;
    // 1 + 20 burst + 1 before revoking went through the key; the 429s are counted apart.
    expect(day).toEqual(expect.objectContaining({ apiRef: 'api:default/metered-api', environment: 'sandbox', requests: 22 }));
    expect(day.rateLimited).toBeGreaterThanOrEqual(10);

    await page.addInitScript(([storageKey, user]) => window.localStorage.setItem(storageKey, user), [DEMO_CHOICE_KEY, 'alice']);
    await page.goto(`/applications/${encodeURIComponent(applicationId)}`);
    const card = page.getByRole('region', { name: 'Usage' });
    await expect(card.getByRole('cell', { name: 'api:default/metered-api' })).toBeVisible();
    await expect(card.getByRole('cell', { name: '22', exact: true })).toBeVisible();
    await expect(card.getByRole('button', { name: 'Download CSV' })).toBeEnabled();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'gateway-application-usage.png'), fullPage: true });
  });
});
