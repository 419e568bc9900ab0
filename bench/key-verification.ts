/*
 * API-key verification at 10,000 keys: the apim verify path (service level: format and
 * checksum, SHA-256, one indexed lookup joined with the application and its active
 * subscriptions and plans, constant-time compare, validity checks) against a plain indexed
 * lookup of the same hash (`select ... where key_hash = ?`) on the same database. SQLite (a
 * file, as the embedded default) and PostgreSQL.
 *
 *   npm run bench                                      (all benchmarks)
 *   PORTICO_BENCH_KEYS=50000 PORTICO_BENCH_CALLS=50000 (more keys, more calls)
 *
 * PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING or
 * postgresql://postgres@127.0.0.1:5432; a throw-away database is created and dropped.
 *
 * Goal: p99 < 5 ms and at least half the raw lookup's throughput. Prints numbers only.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { randomUUID } from 'crypto';
import knexFactory, { Knex } from 'knex';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { KnexApimDatabase } from '../plugins/apim-backend/src/database/KnexApimDatabase';
import { KeyService } from '../plugins/apim-backend/src/service/keys/KeyService';
import { generateApiKey } from '../plugins/apim-backend/src/service/keys/keyFormat';

const KEYS = Number(process.env.PORTICO_BENCH_KEYS ?? 10_000);
const CALLS = Number(process.env.PORTICO_BENCH_CALLS ?? 20_000);
const KEYS_PER_APPLICATION = 10;
const CONCURRENCY = 16;

const quietLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

const PLANS = JSON.stringify([
  { name: 'free', approval: 'auto', environments: ['sandbox'], rateLimit: { requests: 10, per: 'second' }, quota: { requests: 10000, per: 'month' } },
  { name: 'gold', approval: 'manual', environments: ['sandbox', 'production'], rateLimit: { requests: 200, per: 'second' } },
]);

async function seed(knex: Knex): Promise<{ secrets: string[]; hashes: string[] }> {
  const now = Date.now();
  await knex('apim_api_snapshots').insert(
    ['payments-api', 'refunds-api'].map(name => ({
      ref: `api:default/${name}`,
      hash: 'bench',
      data: '{}',
      plans: PLANS,
      updated_at: now,
    })),
  );
  const secrets: string[] = [];
  const hashes: string[] = [];
  for (let a = 0; a < KEYS / KEYS_PER_APPLICATION; a++) {
    const applicationId = randomUUID();
    await knex.transaction(async trx => {
      await trx('apim_applications').insert({
        id: applicationId,
        name: `app-${a}`,
        owner: `group:default/team-${a % 50}`,
        environments: '["sandbox","production"]',
        created_by: 'user:default/bench',
        created_at: now,
        updated_at: now,
      });
      await trx('apim_subscriptions').insert(
        [
          ['payments-api', 'free', 'sandbox'],
          ['refunds-api', 'gold', 'sandbox'],
          ['payments-api', 'gold', 'production'],
        ].map(([api, plan, environment]) => ({
          id: randomUUID(),
          application_id: applicationId,
          api_ref: `api:default/${api}`,
          plan,
          environment,
          state: 'active',
          requested_by: 'user:default/bench',
          created_at: now,
          updated_at: now,
        })),
      );
      const rows = Array.from({ length: KEYS_PER_APPLICATION }, () => {
        const key = generateApiKey('sandbox');
        secrets.push(key.secret);
        hashes.push(key.hash);
        return {
          id: randomUUID(),
          application_id: applicationId,
          environment: 'sandbox',
          kind: 'user',
          key_hash: key.hash,
          prefix: key.prefix,
          last4: key.last4,
          created_by: 'user:default/bench',
          created_at: now,
        };
      });
      await trx('apim_api_keys').insert(rows);
    });
  }
  return { secrets, hashes };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Sequential calls: latency per call, and throughput of one caller. */
async function sequential(call: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) {
    const t0 = process.hrtime.bigint();
    await call(i);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: CALLS / seconds };
}

/** Several callers at once (a gateway with many requests in flight). */
async function concurrent(call: (i: number) => Promise<unknown>) {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) {
        await call(next++);
      }
    }),
  );
  return CALLS / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function bench(engine: string, knex: Knex) {
  const db = await KnexApimDatabase.create({ knex });
  const { secrets, hashes } = await seed(knex);
  // What autovacuum does after a bulk load: without statistics the planner guesses badly.
  if (knex.client.dialect === 'postgresql') await knex.raw('analyze');
  const keys = new KeyService({
    db,
    events: { publish: async () => [] },
    applications: undefined as never,
    notifications: { send: async () => {} },
    logger: quietLogger,
    settings: { rotationGraceHours: 24, expiryNoticeDays: 7 },
  });
  // Random but repeatable order, the same for both paths.
  const order = Array.from({ length: CALLS }, (_, i) => (i * 7919) % secrets.length);

  const verify = async (i: number) => {
    const result = await keys.verify({ key: secrets[order[i]], environment: 'sandbox' });
    if (!result.valid) throw new Error(`${engine}: a valid key was refused`);
  };
  // The plain lookup: the same hash, the same index, no join, the SQL written out.
  const raw = async (i: number) => {
    const result = await knex.raw('select id, application_id from apim_api_keys where key_hash = ?', [
      hashes[order[i]],
    ]);
    const rows = Array.isArray(result) ? result : result.rows;
    if (rows.length !== 1) throw new Error(`${engine}: raw lookup found nothing`);
  };
  // Warm up both (query plans, caches, JIT).
  for (let i = 0; i < 1000; i++) {
    await verify(i);
    await raw(i);
  }

  const v = await sequential(verify);
  const r = await sequential(raw);
  const vc = await concurrent(verify);
  const rc = await concurrent(raw);
  const ms = (n: number) => `${n.toFixed(3)} ms`;
  console.log(
    [
      engine.padEnd(14),
      `verify p50 ${ms(v.p50)} p99 ${ms(v.p99)} ${Math.round(v.perSecond)}/s`,
      `| raw lookup p50 ${ms(r.p50)} p99 ${ms(r.p99)} ${Math.round(r.perSecond)}/s`,
      `| ratio ${(v.perSecond / r.perSecond).toFixed(2)}`,
    ].join('  '),
  );
  console.log(
    [
      ''.padEnd(14),
      `${CONCURRENCY} concurrent callers: verify ${Math.round(vc)}/s, raw ${Math.round(rc)}/s, ratio ${(vc / rc).toFixed(2)}`,
    ].join('  '),
  );
}

async function main() {
  console.log(
    `Key verification, ${KEYS} keys (${KEYS / KEYS_PER_APPLICATION} applications, 3 active subscriptions each), ${CALLS} calls per measure`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-keys-'));
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'apim.sqlite') },
    useNullAsDefault: true,
  });
  try {
    await bench('SQLite 3', sqlite);
  } finally {
    await sqlite.destroy();
    rmSync(dir, { recursive: true, force: true });
  }

  const url =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection: url });
  const database = `portico_bench_keys_${Date.now()}`;
  try {
    await admin.raw(`CREATE DATABASE ${database}`);
  } catch (error) {
    console.log(`PostgreSQL      skipped: cannot reach ${url} (${(error as Error).message})`);
    await admin.destroy();
    return;
  }
  const pg = knexFactory({
    client: 'pg',
    connection: `${url.replace(/\/$/, '')}/${database}`,
    pool: { min: 1, max: CONCURRENCY },
  });
  try {
    const { rows } = await pg.raw('show server_version');
    await bench(`PostgreSQL ${String(rows[0].server_version).split(' ')[0]}`, pg);
  } finally {
    await pg.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
