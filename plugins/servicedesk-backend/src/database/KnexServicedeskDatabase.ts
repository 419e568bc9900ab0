import type { Knex } from 'knex';
import {
  KnexOrTransaction,
  migratePluginDatabase,
  PluginDatabase,
} from '@portico/portico-node';
import type {
  ActionStore,
  CursorStore,
  RequestStore,
  ServicedeskDatabase,
  ServicedeskStores,
  ServiceStore,
} from './ServicedeskStore';
import { KnexActionStore } from './KnexActionStore';
import { KnexCursorStore } from './KnexCursorStore';
import { KnexRequestStore } from './KnexRequestStore';
import { KnexServiceStore } from './KnexServiceStore';
import { PACKAGE_NAME } from './tables';

export {
  SERVICES,
  REQUESTS,
  ACTIONS,
  COMMENTS,
  HISTORY,
  PAUSES,
  CURSORS,
  SERVICEDESK_MIGRATIONS_DIR,
} from './tables';

function storesOn(db: KnexOrTransaction): ServicedeskStores {
  return {
    services: new KnexServiceStore(db),
    requests: new KnexRequestStore(db),
    actions: new KnexActionStore(db),
    cursors: new KnexCursorStore(db),
  };
}

export class KnexServicedeskDatabase
  extends PluginDatabase<ServicedeskStores>
  implements ServicedeskDatabase
{
  declare readonly services: ServiceStore;
  declare readonly requests: RequestStore;
  declare readonly actions: ActionStore;
  declare readonly cursors: CursorStore;

  static async create(options: {
    knex: Knex;
    skipMigrations?: boolean;
  }): Promise<KnexServicedeskDatabase> {
    await migratePluginDatabase(options.knex, {
      packageName: PACKAGE_NAME,
      skipMigrations: options.skipMigrations,
    });
    return new KnexServicedeskDatabase(options.knex);
  }

  constructor(knex: Knex) {
    super(knex, storesOn);
  }
}
