import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createGroupAddMemberAction,
  createOffboardAction,
  createOnboardAction,
  createResetPasswordAction,
  createSharePointLibraryAction,
  createSharePointSiteAction,
  createTeamsChannelAction,
} from './actions';
import { ServicedeskOneTimeSecretClient } from './secrets/OneTimeSecretClient';

/** Microsoft 365 actions over Microsoft Graph. Registered even when Graph is not configured: they say so when run. */
export const scaffolderModuleM365 = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'm365',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        const secrets = new ServicedeskOneTimeSecretClient({ discovery, auth });
        scaffolder.addActions(
          createResetPasswordAction({ config, secrets }),
          createOffboardAction({ config }),
          createOnboardAction({ config, secrets }),
          createSharePointSiteAction({ config }),
          createSharePointLibraryAction({ config }),
          createTeamsChannelAction({ config }),
          createGroupAddMemberAction({ config }),
        );
      },
    });
  },
});
