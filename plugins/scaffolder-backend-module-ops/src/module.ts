import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createAwxJobLaunchAction,
  createHttpRequestAction,
  createSlackMessageAction,
  createTeamsMessageAction,
} from './actions';

/** AWX, Slack, Teams and guarded HTTP actions. Registered unconfigured: each says which key is missing when run. */
export const scaffolderModuleOps = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'ops',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint, config: coreServices.rootConfig },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createAwxJobLaunchAction({ config }),
          createSlackMessageAction({ config }),
          createTeamsMessageAction({ config }),
          createHttpRequestAction({ config }),
        );
      },
    });
  },
});
