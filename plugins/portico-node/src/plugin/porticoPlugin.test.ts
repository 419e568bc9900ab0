import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  InMemoryOutboxRegistry,
  outboxRegistryServiceRef,
} from '../events/outbox/outboxRegistry';
import { porticoOutboxMigration } from '../events/outbox/outboxMigration';
import { porticoPluginDeps, startPorticoPlugin } from './porticoPlugin';

jest.setTimeout(60_000);

describe('startPorticoPlugin', () => {
  it('gives a plugin an outbox on the events page, and none to one that says outbox: false', async () => {
    const registry = new InMemoryOutboxRegistry();
    const runtimes: Record<string, object> = {};
    const plugin = (pluginId: string, outbox: boolean) =>
      createBackendPlugin({
        pluginId,
        register(env) {
          env.registerInit({
            deps: porticoPluginDeps,
            async init(deps) {
              runtimes[pluginId] = outbox
                ? await startPorticoPlugin(deps, {
                    permissions: [],
                    openDatabase: async ({ knex }) => {
                      await porticoOutboxMigration.up(knex);
                      return knex;
                    },
                  })
                : await startPorticoPlugin(deps, {
                    permissions: [],
                    openDatabase: async ({ knex }) => knex,
                    outbox: false,
                  });
            },
          });
        },
      });

    const backend = await startTestBackend({
      features: [
        plugin('area', true),
        plugin('portal', false),
        createServiceFactory({
          service: outboxRegistryServiceRef,
          deps: {},
          factory: () => registry,
        }),
        mockServices.rootConfig.factory({
          data: { portico: { events: { relay: { intervalSeconds: 3600 } } } },
        }),
      ],
    });

    expect(registry.plugins()).toEqual(['area']);
    expect(runtimes.area).toHaveProperty('events.publish');
    expect(runtimes.portal).not.toHaveProperty('events');
    expect(runtimes.portal).toHaveProperty('notices');
    await backend.stop();
  });
});
