import type { Knex } from 'knex';
import {
  KnexOrTransaction,
  migratePluginDatabase,
  PluginDatabase,
} from '@portico/portico-node';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { KnexApiSnapshotStore } from './KnexApiSnapshotStore';
import { KnexApplicationStore } from './KnexApplicationStore';
import { KnexKeyStore } from './KnexKeyStore';
import { KnexSubscriptionStore } from './KnexSubscriptionStore';
import type {
  ApimDatabase,
  ApimStores,
  ApiSnapshotStore,
  ApplicationStore,
  KeyStore,
  SubscriptionStore,
} from './ApimStore';

export { APPLICATIONS, HISTORY, KEYS, SUBSCRIPTIONS } from './tables';

/*
 * apim's database: one store per file (applications, subscriptions, keys, the API projection),
 * composed here with the transaction that writes them with the outbox.
 */

type Db = KnexOrTransaction;

function storesOn(db: Db): ApimStores {
  return {
    applications: new KnexApplicationStore(db),
    subscriptions: new KnexSubscriptionStore(db),
    keys: new KnexKeyStore(db),
    apiSnapshots: new KnexApiSnapshotStore(db),
  };
}

const PACKAGE_NAME = '@portico/plugin-apim-backend';
export const APIM_MIGRATIONS_DIR = resolvePackagePath(
  PACKAGE_NAME,
  'migrations',
);

export class KnexApimDatabase
  extends PluginDatabase<ApimStores>
  implements ApimDatabase
{
  declare readonly applications: ApplicationStore;
  declare readonly subscriptions: SubscriptionStore;
  declare readonly keys: KeyStore;
  declare readonly apiSnapshots: ApiSnapshotStore;

  static async create(options: {
    knex: Knex;
    skipMigrations?: boolean;
  }): Promise<KnexApimDatabase> {
    await migratePluginDatabase(options.knex, {
      packageName: PACKAGE_NAME,
      skipMigrations: options.skipMigrations,
    });
    return new KnexApimDatabase(options.knex);
  }

  constructor(knex: Knex) {
    super(knex, storesOn);
  }
}
