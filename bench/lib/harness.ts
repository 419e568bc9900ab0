/*
 * What the benchmarks that run a real backend share: a PostgreSQL or SQLite engine of
 * throw-away databases, the backend as a child process with the bench's config, waits, and
 * demo sign-in. Used by bench/scale.ts and bench/crash.ts.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';

export const ROOT = path.resolve(__dirname, '../..');
export const PG_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

/**
 * The environment app-config.yaml reads Prometheus's and Alertmanager's addresses from, emptied
 * (what a machine without them has): monitoring then calls neither.
 */
export const WITHOUT_PROMETHEUS = {
  PORTICO_PROMETHEUS_URL: '',
  PORTICO_ALERTMANAGER_URL: '',
};

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

export function logger(tag: string) {
  return (message: string) => process.stderr.write(`[${tag}] ${message}\n`);
}

export interface Engine {
  name: string;
  config: Record<string, unknown>;
  /** The database of one plugin, as the backend made it. */
  pluginDb(pluginId: string): Knex;
  cleanUp(): Promise<void>;
}

/**
 * Databases named `<prefix><plugin>`, dropped before and after: those of this prefix only (its
 * `_` are not LIKE wildcards, so `bench_729_` never matches `bench_7290_`'s databases).
 */
export async function postgresEngine(prefix: string): Promise<Engine> {
  const admin = knexFactory({ client: 'pg', connection: PG_URL });
  const drop = async () => {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${prefix.replace(/[\\%_]/g, c => `\\${c}`)}%`],
    );
    for (const { datname } of rows)
      await admin.raw('drop database if exists ?? with (force)', [datname]);
  };
  await drop();
  const url = new URL(PG_URL);
  const open: Knex[] = [];
  return {
    name: 'PostgreSQL',
    config: {
      client: 'pg',
      connection: {
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password) || undefined,
      },
      prefix,
      // Sixteen clients at once on a loaded machine: the default 60 s wait for a connection
      // ran out in the catalog (its by-query holds a connection for the page and the count).
      // A bench waits longer instead of failing; max 5 per plugin keeps a backend's eleven
      // plugin pools well under the server's 100 connections, which other users share (two
      // benches at 8 each ran it out: "too many clients already").
      knexConfig: {
        acquireConnectionTimeout: 300_000,
        pool: { min: 0, max: 5, acquireTimeoutMillis: 300_000 },
      },
    },
    pluginDb(pluginId) {
      const u = new URL(PG_URL);
      u.pathname = `/${prefix}${pluginId}`;
      const db = knexFactory({
        client: 'pg',
        connection: u.toString(),
        pool: { min: 0, max: 2 },
      });
      open.push(db);
      return db;
    },
    async cleanUp() {
      await Promise.all(open.map(db => db.destroy()));
      await drop();
      await admin.destroy();
    },
  };
}

export async function sqliteEngine(): Promise<Engine> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-'));
  const open: Knex[] = [];
  return {
    name: 'SQLite',
    config: { client: 'better-sqlite3', connection: { directory } },
    pluginDb(pluginId) {
      const db = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(directory, `${pluginId}.sqlite`) },
        useNullAsDefault: true,
      });
      open.push(db);
      return db;
    },
    async cleanUp() {
      await Promise.all(open.map(db => db.destroy()));
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface BackendProcess {
  child: ChildProcess;
  logFile: string;
}

/**
 * Starts `script` (a backend entry point under bench/) with the repository's app-config.yaml,
 * the end-to-end config (demo sign-in, short follow intervals) and the bench's own `config`.
 */
export function startBackend(options: {
  script: string;
  port: number;
  config: Record<string, unknown>;
  env?: Record<string, string>;
  /** Appends to this log (restarts of one run share it). */
  logFile?: string;
}): BackendProcess {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-config-'));
  const configFile = path.join(dir, 'app-config.bench.json');
  const base = `http://localhost:${options.port}`;
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl: base },
      ...options.config,
      backend: {
        baseUrl: base,
        listen: { port: options.port },
        ...(options.config.backend as object),
      },
    }),
  );
  const logFile = options.logFile ?? path.join(dir, 'backend.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(ROOT, options.script),
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      path.join(ROOT, 'test/e2e/app-config.e2e.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(ROOT, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'development', ...options.env },
      stdio: ['ignore', out, out],
    },
  );
  fs.closeSync(out);
  return { child, logFile };
}

export async function stopBackend(backend: BackendProcess) {
  const { child } = backend;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

export async function until(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
  backend?: BackendProcess,
) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (backend && backend.child.exitCode !== null) {
      throw new Error(
        `backend exited while waiting for ${what}:\n${fs
          .readFileSync(backend.logFile, 'utf8')
          .slice(-3000)}`,
      );
    }
    if (await check().catch(() => false)) return;
    await sleep(1000);
  }
  throw new Error(
    `timed out waiting for ${what}${
      backend ? `; log: ${backend.logFile}` : ''
    }`,
  );
}

/** Every plugin of the backend has started (before, the routes of the others answer 404). */
export async function backendReady(base: string): Promise<boolean> {
  return (await fetch(`${base}/.backstage/health/v1/readiness`)).ok;
}

/** A demo user's Backstage token (demo sign-in is on in the end-to-end config). */
export async function tokenFor(base: string, user: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/demo/refresh`, {
    headers: { 'x-portico-demo-user': user },
  });
  if (!res.ok) throw new Error(`demo sign-in of ${user}: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}
