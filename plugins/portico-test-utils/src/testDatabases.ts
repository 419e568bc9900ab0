import { appendFileSync } from 'fs';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';

/**
 * The engines a store test runs on: `PORTICO_TEST_DB_IDS` (set by `npm test` from what the
 * machine has), else SQLite plus any PostgreSQL whose connection string is in the env.
 */
export function porticoTestDatabaseIds(): TestDatabaseId[] {
  const fromEnv = process.env.PORTICO_TEST_DB_IDS;
  if (fromEnv) {
    return fromEnv
      .split(',')
      .map(id => id.trim())
      .filter(Boolean) as TestDatabaseId[];
  }
  return ['SQLITE_3', 'POSTGRES_15', 'POSTGRES_16', 'POSTGRES_17'];
}

const ENGINE_NAMES: Partial<Record<TestDatabaseId, string>> = {
  SQLITE_3: 'SQLite 3',
  POSTGRES_18: 'PostgreSQL 18',
  POSTGRES_17: 'PostgreSQL 17',
  POSTGRES_16: 'PostgreSQL 16',
  POSTGRES_15: 'PostgreSQL 15',
  POSTGRES_14: 'PostgreSQL 14',
  POSTGRES_13: 'PostgreSQL 13',
};

/** Appends the engine a test really ran on to `PORTICO_TEST_ENGINES_FILE`, for the summary. */
export function recordEngineUsed(id: TestDatabaseId): void {
  const file = process.env.PORTICO_TEST_ENGINES_FILE;
  if (file) {
    appendFileSync(file, `${ENGINE_NAMES[id] ?? id}\n`);
  }
}

/**
 * `TestDatabases` quietly drops an engine it cannot reach. When `npm test` knows PostgreSQL
 * is there (`PORTICO_REQUIRE_POSTGRES=1`), a missing PostgreSQL is an error instead.
 */
export function createPorticoTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({ ids: porticoTestDatabaseIds() });
  const supported = databases.eachSupportedId().map(([id]) => id);
  if (
    process.env.PORTICO_REQUIRE_POSTGRES === '1' &&
    !supported.some(id => id.startsWith('POSTGRES'))
  ) {
    throw new Error(
      `PostgreSQL is required (PORTICO_REQUIRE_POSTGRES=1) but no PostgreSQL test database is available; engines: ${supported.join(
        ', ',
      )}`,
    );
  }
  const init = databases.init.bind(databases);
  databases.init = async (id: TestDatabaseId) => {
    const knex = await init(id);
    recordEngineUsed(id);
    return knex;
  };
  return databases;
}

/**
 * `backend.database` config for a whole backend on the given engine, for integration tests
 * that start real plugins: on PostgreSQL, a fresh database from `TestDatabases` (dropped
 * after the tests) with one schema per plugin; on SQLite, one in-memory database per plugin.
 */
export async function backendDatabaseConfig(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<JsonObject> {
  const knex = await databases.init(id);
  if (id === 'SQLITE_3') {
    return { client: 'better-sqlite3', connection: ':memory:' };
  }
  const connection = (knex.client as { config: { connection: JsonObject } })
    .config.connection;
  return {
    client: 'pg',
    connection,
    pluginDivisionMode: 'schema',
    ensureSchemaExists: true,
  };
}
