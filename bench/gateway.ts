/*
 * The gateway: Debian's nginx in front of a local upstream, with Portico's key verification
 * (`auth_request`, the config `portico-gateway nginx` writes) with its answer cache on and off,
 * against the same nginx proxying to the same upstream without any verification.
 *
 * Three processes besides nginx: this one (the load, autocannon), the upstream (a small node
 * HTTP server answering JSON) and the verifier. The verifier is apim's real verification path
 * (GatewayService.authorize: key format and checksum, SHA-256, the indexed key lookup joined
 * with the application, its active subscriptions and plans, then the plan's monthly quota from
 * the usage table) on a SQLite file seeded with applications and keys, behind a plain node HTTP
 * server that checks the gateway's bearer token, as `GET /api/apim/gateway/authorize` answers
 * nginx. It leaves out Backstage's own HTTP stack (token validation by the auth service, the
 * router), which a real backend adds on each verification nginx does not answer from its cache.
 *
 *   npm run bench                                  (every benchmark; scripts/bench.sh installs nginx)
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/gateway.ts
 *
 * Env: PORTICO_BENCH_GATEWAY_SECONDS 10 (per scenario, after 2 s of warm-up),
 * _CONNECTIONS 32, _KEYS 200 (distinct keys the load cycles through), _CACHE_SECONDS 5,
 * _PORT 7380 (upstream; verifier +1, nginx +2), PORTICO_NGINX (the nginx binary).
 *
 * Goal: with the cache on, at least 0.8x the unauthenticated throughput. Prints numbers only.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { randomUUID } from 'crypto';
import knexFactory, { Knex } from 'knex';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { renderNginxConfig } from '../packages/gateway/src/nginx/renderNginxConfig';
import type { GatewayRoute } from '../packages/gateway/src/routes';
import { KnexApimDatabase } from '../plugins/apim-backend/src/database/KnexApimDatabase';
import { GatewayService } from '../plugins/apim-backend/src/service/gateway/GatewayService';
import { KeyService } from '../plugins/apim-backend/src/service/keys/KeyService';
import { generateApiKey } from '../plugins/apim-backend/src/service/keys/keyFormat';

const env = (name: string, fallback: number) => Number(process.env[`PORTICO_BENCH_GATEWAY_${name}`] ?? fallback);
const SECONDS = env('SECONDS', 10);
const CONNECTIONS = env('CONNECTIONS', 32);
const KEYS = env('KEYS', 200);
const CACHE_SECONDS = env('CACHE_SECONDS', 5);
const PORT = env('PORT', 7380);
const UPSTREAM_PORT = PORT;
const VERIFIER_PORT = PORT + 1;
const GATEWAY_PORT = PORT + 2;
const API_REF = 'api:default/bench-api';
const TOKEN = 'bench-gateway-token';
const NGINX = process.env.PORTICO_NGINX ?? (fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');

const log = (message: string) => process.stderr.write(`[gateway] ${message}\n`);
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const quietLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

// A monthly quota far above what the run sends: verification reads the month's usage every time.
const PLANS = JSON.stringify([
  { name: 'bench', approval: 'auto', environments: ['sandbox'], quota: { requests: 1_000_000_000, per: 'month' } },
]);

/** Applications, one active subscription each to the bench API in sandbox, and one key each. */
async function seed(file: string): Promise<string[]> {
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
  await KnexApimDatabase.create({ knex });
  const now = Date.now();
  await knex('apim_api_snapshots').insert({ ref: API_REF, hash: 'bench', data: '{}', plans: PLANS, updated_at: now });
  const secrets: string[] = [];
  await knex.transaction(async trx => {
    for (let a = 0; a < KEYS; a++) {
      const applicationId = randomUUID();
      await trx('apim_applications').insert({
        id: applicationId,
        name: `bench-app-${a}`,
        owner: 'group:default/bench',
        environments: '["sandbox"]',
        created_by: 'user:default/bench',
        created_at: now,
        updated_at: now,
      });
      await trx('apim_subscriptions').insert({
        id: randomUUID(),
        application_id: applicationId,
        api_ref: API_REF,
        plan: 'bench',
        environment: 'sandbox',
        state: 'active',
        requested_by: 'user:default/bench',
        created_at: now,
        updated_at: now,
      });
      const key = generateApiKey('sandbox');
      secrets.push(key.secret);
      await trx('apim_api_keys').insert({
        id: randomUUID(),
        application_id: applicationId,
        environment: 'sandbox',
        kind: 'user',
        key_hash: key.hash,
        prefix: key.prefix,
        last4: key.last4,
        created_by: 'user:default/bench',
        created_at: now,
      });
    }
  });
  await knex.destroy();
  return secrets;
}

/** Child process: the upstream, a small JSON answer as a demo API gives. */
function runUpstream() {
  http
    .createServer((req, res) => {
      const body = JSON.stringify({ pong: req.url, application: req.headers['x-portico-application'] ?? null });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    })
    .listen(UPSTREAM_PORT, '127.0.0.1', () => process.send?.('ready'));
}

/** Child process: apim's verification behind the answer nginx's auth_request reads. */
async function runVerifier(file: string) {
  const knex: Knex = knexFactory({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
  const db = await KnexApimDatabase.create({ knex, skipMigrations: true });
  const keys = new KeyService({
    db,
    events: { publish: async () => [] },
    applications: undefined as never,
    notifications: { send: async () => {} },
    logger: quietLogger,
    settings: { rotationGraceHours: 24, expiryNoticeDays: 7 },
  });
  const gateway = new GatewayService({ knex, db, keys, quotaNotices: undefined as never });
  const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value ?? '').trim();
  let verifications = 0;
  http
    .createServer(async (req, res) => {
      if (req.url === '/stats') {
        res.end(String(verifications));
        return;
      }
      verifications++;
      try {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) {
          res.writeHead(401).end();
          return;
        }
        const decision = await gateway.authorize({
          apiRef: header(req.headers['x-portico-api']),
          environment: header(req.headers['x-portico-environment']) as 'sandbox',
          key: header(req.headers['x-portico-key']),
        });
        const headers: Record<string, string> = { 'cache-control': 'no-store' };
        if (decision.status === 204) {
          headers['x-portico-application'] = decision.applicationId;
          headers['x-portico-plan'] = decision.plan;
        } else if (decision.status === 403) {
          headers['x-portico-reason'] = decision.reason;
        }
        res.writeHead(decision.status, headers).end();
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    })
    .listen(VERIFIER_PORT, '127.0.0.1', () => process.send?.('ready'));
}

function startChild(role: string, ...args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...process.execArgv, __filename, role, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    // Only 'ready': Backstage's module transform sends its own messages (files to watch) too.
    child.on('message', message => {
      if (message === 'ready') resolve(child);
    });
    child.once('exit', code => {
      log(`${role} exited with ${code}`);
      reject(new Error(`${role} exited with ${code}`));
    });
  });
}

const ROUTE: GatewayRoute = {
  apiRef: API_REF,
  slug: 'bench-api',
  environment: 'sandbox',
  upstream: `http://127.0.0.1:${UPSTREAM_PORT}/bench`,
  apiKey: { in: 'header', name: 'X-API-Key' },
  plans: [{ name: 'bench' }],
};

/** The same proxying as the generated location, with nothing in front of it. */
function unauthenticatedConfig(dir: string): string {
  return [
    'server {',
    `  listen 127.0.0.1:${GATEWAY_PORT};`,
    `  access_log ${dir}/access.log;`,
    '  location /sandbox/bench-api/ {',
    '    rewrite ^/sandbox/bench\\-api/(.*)$ /bench/$1 break;',
    `    proxy_pass http://127.0.0.1:${UPSTREAM_PORT};`,
    '  }',
    '}',
    '',
  ].join('\n');
}

async function startNginx(dir: string, gatewayConf: string): Promise<ChildProcess> {
  fs.mkdirSync(path.join(dir, 'cache'), { recursive: true });
  // nginx's workers run as an unprivileged user when the master is root: they write the cache.
  fs.chmodSync(path.dirname(dir), 0o755);
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(path.join(dir, 'cache'), 0o777);
  fs.writeFileSync(path.join(dir, 'portico-gateway.conf'), gatewayConf);
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(t => `  ${t}_temp_path ${dir}/tmp-${t};`),
      `  include ${dir}/portico-gateway.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'inherit' });
  const nginx = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'inherit',
  });
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${GATEWAY_PORT}/`).then(
      () => true,
      () => false,
    );
    if (up) return nginx;
    await sleep(100);
  }
  nginx.kill('SIGTERM');
  throw new Error(`nginx did not start: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
}

async function stopNginx(nginx: ChildProcess) {
  const exited = new Promise(resolve => nginx.once('exit', resolve));
  nginx.kill('SIGQUIT');
  await exited;
}

interface Measure {
  scenario: string;
  /** Requests nginx sent to the verifier during the measure (the cache's misses). */
  verifications?: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(scenario: string, secrets: string[], seconds: number): Promise<Measure> {
  // Loaded here: the child processes do not need it.
  const autocannon = require('autocannon');
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${GATEWAY_PORT}/sandbox/bench-api/ping`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (request: { headers: Record<string, string> }) => {
          request.headers = { ...request.headers, 'X-API-Key': secrets[next++ % secrets.length] };
          return request;
        },
      },
    ],
  });
  return {
    scenario,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function scenario(name: string, dir: string, conf: string, secrets: string[]): Promise<Measure> {
  log(`${name}: starting nginx`);
  const nginx = await startNginx(dir, conf);
  try {
    // A valid key goes through before anything is measured.
    const probe = await fetch(`http://127.0.0.1:${GATEWAY_PORT}/sandbox/bench-api/ping`, {
      headers: { 'X-API-Key': secrets[0] },
    });
    if (probe.status !== 200) {
      throw new Error(`${name}: a valid key got ${probe.status} ${await probe.text()}\n${fs.readFileSync(path.join(dir, 'error.log'), 'utf8').slice(-2000)}`);
    }
    await load(name, secrets, 2);
    const stats = async () => Number(await (await fetch(`http://127.0.0.1:${VERIFIER_PORT}/stats`)).text());
    const before = await stats();
    const measure = await load(name, secrets, SECONDS);
    return { ...measure, verifications: (await stats()) - before };
  } finally {
    await stopNginx(nginx);
  }
}

async function main() {
  try {
    execFileSync(NGINX, ['-v'], { stdio: 'ignore' });
  } catch {
    console.log(`Gateway benchmark skipped: no nginx (${NGINX}); scripts/env.sh ensure_nginx installs Debian's.`);
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-gateway-'));
  const children: ChildProcess[] = [];
  try {
    const file = path.join(work, 'apim.sqlite');
    log(`seeding ${KEYS} applications with a key each`);
    const secrets = await seed(file);
    children.push(await startChild('upstream'));
    children.push(await startChild('verifier', file));

    const authConf = (dir: string, cacheSeconds: number) => {
      fs.writeFileSync(path.join(dir, 'auth.conf'), `proxy_set_header Authorization "Bearer ${TOKEN}";\n`);
      return renderNginxConfig([ROUTE], {
        listen: `127.0.0.1:${GATEWAY_PORT}`,
        porticoUrl: `http://127.0.0.1:${VERIFIER_PORT}`,
        authCacheSeconds: cacheSeconds,
        authHeaderInclude: path.join(dir, 'auth.conf'),
        cachePath: path.join(dir, 'cache'),
        accessLogPath: path.join(dir, 'access.log'),
      });
    };
    const dirFor = (name: string) => {
      const dir = path.join(work, name);
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    };
    const plain = dirFor('plain');
    const cached = dirFor('cached');
    const uncached = dirFor('uncached');
    const results = [
      await scenario('nginx, no auth', plain, unauthenticatedConfig(plain), secrets),
      await scenario(`auth_request, cache ${CACHE_SECONDS} s`, cached, authConf(cached, CACHE_SECONDS), secrets),
      await scenario('auth_request, no cache', uncached, authConf(uncached, 0), secrets),
    ];

    const base = results[0].perSecond;
    console.log(
      `Gateway: nginx with 1 worker, ${CONNECTIONS} connections, ${SECONDS} s per scenario, ${KEYS} keys, node upstream, verifier on SQLite`,
    );
    console.log(
      ['scenario'.padEnd(28), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7), 'verifier calls'.padStart(15), 'vs no auth'.padStart(11)].join(' '),
    );
    for (const r of results) {
      console.log(
        [
          r.scenario.padEnd(28),
          Math.round(r.perSecond).toString().padStart(9),
          r.p50.toFixed(1).padStart(8),
          r.p99.toFixed(1).padStart(8),
          String(r.errors).padStart(7),
          String(r.scenario === results[0].scenario ? '-' : r.verifications).padStart(15),
          `${(r.perSecond / base).toFixed(2)}x`.padStart(11),
        ].join(' '),
      );
    }
    const ratio = results[1].perSecond / base;
    console.log(`Goal: cache on >= 0.80x the unauthenticated throughput: ${ratio.toFixed(2)}x, ${ratio >= 0.8 ? 'met' : 'NOT met'}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const [role, arg] = process.argv.slice(2);
if (role === 'upstream') runUpstream();
else if (role === 'verifier') void runVerifier(arg);
else
  main().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
