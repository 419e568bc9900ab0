import { mockServices } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createPorticoEvents,
  porticoEventsDeps,
  porticoOutboxMigration,
  porticoOutboxDeadLetterMigration,
  PorticoEvents,
} from '@portico/portico-node';

/** Portal admins (judy) hold the portico.events.* permissions; nobody else does. */
export const adminOnlyPermissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    mockServices.permissions.mock({
      authorize: async (requests, options) =>
        requests.map(() => ({
          result:
            (options.credentials.principal as { userEntityRef?: string }).userEntityRef ===
            'user:default/judy'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    }),
});

/**
 * A plugin with an outbox, as every Portico area plugin has, for the events page to read.
 * `events()` is its events once the backend started.
 */
export function demoOutboxPlugin() {
  let events: PorticoEvents | undefined;
  const plugin = createBackendPlugin({
    pluginId: 'promotions',
    register(reg) {
      reg.registerInit({
        deps: { database: coreServices.database, ...porticoEventsDeps },
        async init({ database, ...deps }) {
          const knex = await database.getClient();
          await porticoOutboxMigration.up(knex);
          await porticoOutboxDeadLetterMigration.up(knex);
          events = await createPorticoEvents({ database: knex, ...deps });
        },
      });
    },
  });
  return {
    plugin,
    events(): PorticoEvents {
      if (!events) throw new Error('The demo outbox plugin has not started');
      return events;
    },
  };
}
