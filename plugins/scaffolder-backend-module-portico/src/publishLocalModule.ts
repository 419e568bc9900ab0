import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createProvisionResourceAction } from './actions/lifecycle/provisionResource';
import { createLifecycleVerifyAction } from './actions/lifecycle/verifyExecution';
import { createPublishLocalAction } from './actions/publishLocal/publishLocal';

/**
 * The golden paths' actions (`portico:publish:local`, `lifecycle:resource:provision`,
 * `lifecycle:sandbox:verify`), in a module of
 * their own beside the actions over the other Portico plugins.
 */
export const scaffolderModulePorticoPublishLocal = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'portico-publish-local',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        scaffolder.addActions(
          createPublishLocalAction({ config }),
          createProvisionResourceAction({ discovery, auth }),
          createLifecycleVerifyAction({ discovery, auth }),
        );
      },
    });
  },
});
