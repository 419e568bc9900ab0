import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { porticoPermissions } from '@portico/plugin-portico-common';
import { outboxRegistryServiceRef, readKafkaSettings } from '@portico/portico-node';
import { createRouter } from './router';
import { PorticoEventsQueryService } from './service/EventsService';

/**
 * Portico's own backend: the events page API over every plugin's outbox.
 *
 * @public
 */
export const porticoPlugin = createBackendPlugin({
  pluginId: 'portico',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        outboxRegistry: outboxRegistryServiceRef,
      },
      async init({ config, httpAuth, httpRouter, permissions, permissionsRegistry, outboxRegistry }) {
        permissionsRegistry.addPermissions(porticoPermissions);
        const targets = readKafkaSettings(config) ? (['events', 'kafka'] as const) : (['events'] as const);
        const events = new PorticoEventsQueryService(outboxRegistry, [...targets]);
        httpRouter.use(createRouter({ httpAuth, permissions, events }));
      },
    });
  },
});
