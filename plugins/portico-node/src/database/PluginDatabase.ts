import type { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** A store works the same on the root connection and inside a transaction. */
export type KnexOrTransaction = Knex | Knex.Transaction;

/**
 * Runs a plugin package's `migrations/` folder. Each plugin keeps its migrations beside its
 * package.json so that `resolvePackagePath` finds them in the repo and in a built package alike.
 */
export async function migratePluginDatabase(
  knex: Knex,
  options: { packageName: string; skipMigrations?: boolean },
): Promise<void> {
  if (options.skipMigrations) return;
  await knex.migrate.latest({
    directory: resolvePackagePath(options.packageName, 'migrations'),
  });
}

/**
 * The base of a plugin's knex database: its stores as fields on the root connection, and
 * `transaction()` giving the same stores bound to one transaction plus `trx`, so that a service
 * changes its rows and writes its outbox event (`events.publish(tx.trx, …)`) in one commit.
 *
 * A subclass names its stores with `declare readonly` fields; the constructor assigns them.
 */
export abstract class PluginDatabase<Stores extends object> {
  protected constructor(
    readonly knex: Knex,
    private readonly storesOn: (db: KnexOrTransaction) => Stores,
  ) {
    Object.assign(this, storesOn(knex));
  }

  transaction<T>(
    fn: (tx: Stores & { trx: Knex.Transaction }) => Promise<T>,
  ): Promise<T> {
    return this.knex.transaction(trx => fn({ ...this.storesOn(trx), trx }));
  }
}
