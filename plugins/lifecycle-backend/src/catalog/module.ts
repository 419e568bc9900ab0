import path from 'path';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  LOCAL_REPOSITORIES_CONFIG_KEY,
  LOCAL_REPOSITORIES_DEFAULT_DIR,
} from '@portico/plugin-lifecycle-common';
import { LifecycleTagProcessor } from './LifecycleTagProcessor';
import { LocalRepositoryEntityProvider } from './LocalRepositoryEntityProvider';

/**
 * The lifecycle's catalog side: the mandatory-tag processor on Resources, and the provider of the
 * golden paths' local repositories (what `portico:publish:local` writes).
 */
export const catalogModuleLifecycle = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'portico-lifecycle',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        catalog.addProcessor(new LifecycleTagProcessor());
        const seconds = config.getOptionalNumber('portico.localRepositories.refreshSeconds') ?? 10;
        catalog.addEntityProvider(
          new LocalRepositoryEntityProvider({
            root: path.resolve(
              config.getOptionalString(LOCAL_REPOSITORIES_CONFIG_KEY) ?? LOCAL_REPOSITORIES_DEFAULT_DIR,
            ),
            logger,
            taskRunner: scheduler.createScheduledTaskRunner({
              frequency: { seconds },
              timeout: { minutes: 2 },
            }),
          }),
        );
      },
    });
  },
});
