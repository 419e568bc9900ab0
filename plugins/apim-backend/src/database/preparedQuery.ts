import type { Knex } from 'knex';

type Row = Record<string, any>;

interface SqliteStatement {
  all(...values: unknown[]): Row[];
}

const sqliteStatements = new WeakMap<object, Map<string, SqliteStatement>>();

/**
 * Runs a read-only query as a prepared statement kept per connection, for the few queries on
 * a hot path (key verification). Knex prepares and plans every query anew: PostgreSQL spends
 * more time planning a join than running it, and on SQLite preparing costs more than the
 * lookup. `sql` uses `?` placeholders; `name` identifies the statement on each connection (change
 * it with the SQL). Inside a transaction, or on another driver, it is a plain `raw` query.
 */
export async function preparedQuery(
  db: Knex | Knex.Transaction,
  name: string,
  sql: string,
  values: unknown[],
): Promise<Row[]> {
  const client = db.client;
  const inTransaction = (db as Knex.Transaction).isTransaction === true;
  if (!inTransaction && client.driverName === 'pg') {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    const connection = await client.acquireConnection();
    try {
      // Needs session pooling or a pooler that supports protocol-level prepared statements
      // (PgBouncer 1.21+).
      return (await connection.query({ name, text, values })).rows;
    } finally {
      await client.releaseConnection(connection);
    }
  }
  if (!inTransaction && client.driverName === 'better-sqlite3') {
    const connection = await client.acquireConnection();
    try {
      let statements = sqliteStatements.get(connection);
      if (!statements) {
        statements = new Map();
        sqliteStatements.set(connection, statements);
      }
      let statement = statements.get(name);
      if (!statement) {
        statement = connection.prepare(sql) as SqliteStatement;
        statements.set(name, statement);
      }
      return statement.all(...values);
    } finally {
      await client.releaseConnection(connection);
    }
  }
  const result = await db.raw(sql, values as Knex.RawBinding[]);
  return Array.isArray(result) ? result : result.rows;
}
