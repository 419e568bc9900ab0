import type { Knex } from 'knex';
import { KnexOrTransaction, migratePluginDatabase, PluginDatabase } from '@portico/portico-node';
import type { MonitoringDatabase, MonitoringStores } from './MonitoringStore';
import { KnexAckStore } from './KnexAckStore';
import { KnexAlertStore } from './KnexAlertStore';
import { KnexComponentStore } from './KnexComponentStore';
import { KnexHealthStore, KnexNotifiedStore } from './KnexHealthStore';
import { KnexDeploymentStore, KnexSilenceWindowStore } from './KnexWindowAndDeploymentStores';

export { labelText, ALERTS, ACKS, COMPONENTS, HEALTH, NOTIFIED, SILENCE_WINDOWS, DEPLOYMENTS } from './tables';

function storesOn(db: KnexOrTransaction): MonitoringStores {
  return {
    alerts: new KnexAlertStore(db),
    acks: new KnexAckStore(db),
    components: new KnexComponentStore(db),
    health: new KnexHealthStore(db),
    notified: new KnexNotifiedStore(db),
    windows: new KnexSilenceWindowStore(db),
    deployments: new KnexDeploymentStore(db),
  };
}

export class KnexMonitoringDatabase extends PluginDatabase<MonitoringStores> implements MonitoringDatabase {
  declare readonly alerts: KnexAlertStore;
  declare readonly acks: KnexAckStore;
  declare readonly components: KnexComponentStore;
  declare readonly health: KnexHealthStore;
  declare readonly notified: KnexNotifiedStore;
  declare readonly windows: KnexSilenceWindowStore;
  declare readonly deployments: KnexDeploymentStore;

  static async create(options: { knex: Knex; skipMigrations?: boolean }) {
    await migratePluginDatabase(options.knex, {
      packageName: '@portico/plugin-monitoring-backend',
      skipMigrations: options.skipMigrations,
    });
    return new KnexMonitoringDatabase(options.knex);
  }

  private constructor(knex: Knex) {
    super(knex, storesOn);
  }
}
