import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type { Knex } from 'knex';
import {
  createPorticoEvents,
  porticoEventsDeps,
  porticoOutboxMigration,
  porticoOutboxDeadLetterMigration,
  PorticoEvents,
} from '@portico/portico-node';
import { porticoPlugin } from '../plugin';

/** Portal admins (judy) hold the portico.events.* permissions; nobody else does. */
export const adminOnlyPermissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    mockServices.permissions.mock({
      authorize: async (requests, options) =>
        requests.map(() => ({
          result:
            (options.credentials.principal as { userEntityRef?: string })
              .userEntityRef === 'user:default/judy'
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

/**
 * The portal's backend beside the demo outbox plugin, with three `request-created` events of
 * tenant acme in that outbox (one a minute, oldest first), and the relay slowed down so that
 * tests run it themselves (`demo.events().relay.runOnce()`).
 */
export async function startEventsTestBackend() {
  const demo = demoOutboxPlugin();
  const backend = await startTestBackend({
    features: [
      porticoPlugin,
      demo.plugin,
      adminOnlyPermissions,
      mockServices.rootConfig.factory({
        data: { portico: { events: { relay: { intervalSeconds: 3600 } } } },
      }),
    ],
  });
  // The demo plugin's database, where its outbox is.
  const knex = (demo.events().store as unknown as { db: Knex }).db;
  const written: PorticoEvent[] = await knex.transaction(trx =>
    demo.events().publish(
      trx,
      ...[1, 2, 3].map(n => ({
        topic: 'promotion-requests' as const,
        type: 'request-created',
        actor: 'user:default/alice',
        subject: `promotion:${n}`,
        tenant: 'acme',
        data: { n },
        occurredAt: new Date(Date.UTC(2026, 10, 21, 10, n)).toISOString(),
      })),
    ),
  );
  return { backend, server: backend.server, demo, knex, written };
}
