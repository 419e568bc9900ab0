/*
 * Relay throughput: 10,000 events from a plugin's outbox into Backstage's EventsService
 * (an in-process subscriber counts them), on SQLite and on PostgreSQL.
 *
 *   npm run bench                              (all benchmarks)
 *   PORTICO_BENCH_EVENTS=50000 npm run bench   (more events)
 *
 * PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING or
 * postgresql://postgres@127.0.0.1:5432; a throw-away database is created and dropped.
 */
import knexFactory, { Knex } from 'knex';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { ConfigReader } from '@backstage/config';
import type { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import {
  EventsServiceTarget,
  KnexOutboxStore,
  OutboxPublisher,
  OutboxRelay,
  porticoOutboxMigration,
  readRelaySettings,
} from '@portico/portico-node';

const EVENTS = Number(process.env.PORTICO_BENCH_EVENTS ?? 10_000);
const WRITE_TX_SIZE = 100;

const quietLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

// The default auditor writes a log line per event; the bench measures the relay, not logging.
const auditor: AuditorService = {
  createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
};

async function bench(engine: string, knex: Knex) {
  await porticoOutboxMigration.up(knex);
  const store = new KnexOutboxStore(knex);
  const publisher = new OutboxPublisher(store);

  const writeStart = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i += WRITE_TX_SIZE) {
    await knex.transaction(trx =>
      publisher.publish(
        trx,
        ...Array.from({ length: Math.min(WRITE_TX_SIZE, EVENTS - i) }, (_, j) => ({
          topic: 'subscription-created' as const,
          type: 'subscription-created',
          actor: 'user:default/alice',
          subject: `subscription:${(i + j) % 500}`,
          tenant: 'acme',
          data: { application: 'storefront', api: 'payments-api', plan: 'gold', n: i + j },
        })),
      ),
    );
  }
  const writeSeconds = Number(process.hrtime.bigint() - writeStart) / 1e9;

  const events = DefaultEventsService.create({ logger: quietLogger });
  let received = 0;
  await events.subscribe({
    id: 'bench-counter',
    topics: ['subscription-created'],
    onEvent: async () => {
      received++;
    },
  });
  const relay = new OutboxRelay({
    pluginId: 'bench',
    store,
    targets: [new EventsServiceTarget(events, auditor)],
    settings: readRelaySettings(
      new ConfigReader({ portico: { events: { relay: { batchSize: 500, maxBatchesPerPass: 1000 } } } }),
    ),
    logger: quietLogger,
  });

  const relayStart = process.hrtime.bigint();
  let passes = 0;
  while ((await store.stats()).pending > 0 && passes < 100) {
    await relay.runOnce();
    passes++;
  }
  const relaySeconds = Number(process.hrtime.bigint() - relayStart) / 1e9;
  if (received !== EVENTS) throw new Error(`${engine}: ${received} of ${EVENTS} events arrived`);

  console.log(
    [
      engine.padEnd(14),
      `${EVENTS} events`,
      `relay ${relaySeconds.toFixed(2)} s`,
      `${Math.round(EVENTS / relaySeconds)} events/s`,
      `(write ${Math.round(EVENTS / writeSeconds)} events/s in transactions of ${WRITE_TX_SIZE})`,
    ].join('  '),
  );
}

async function main() {
  console.log(`Relay throughput, outbox -> EventsService, ${EVENTS} events`);
  const sqlite = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  await bench('SQLite 3', sqlite);
  await sqlite.destroy();

  const url =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection: url });
  const database = `portico_bench_${Date.now()}`;
  try {
    await admin.raw(`CREATE DATABASE ${database}`);
  } catch (error) {
    console.log(`PostgreSQL      skipped: cannot reach ${url} (${(error as Error).message})`);
    await admin.destroy();
    return;
  }
  const pg = knexFactory({ client: 'pg', connection: `${url.replace(/\/$/, '')}/${database}` });
  try {
    const [{ version }] = (await pg.raw('show server_version')).rows.map((r: any) => ({ version: r.server_version }));
    await bench(`PostgreSQL ${String(version).split(' ')[0]}`, pg);
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
