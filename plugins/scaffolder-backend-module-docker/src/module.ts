import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createDockerInspectAction,
  createDockerIsolateAction,
} from './actions/docker';
import { DockerodeEngine, readDockerOptions } from './engine';

/**
 * `docker:container:inspect` and `docker:container:isolate` (the incident playbook) on the
 * Docker Engine of `integrations.docker`; without it, only dry runs work.
 */
export const scaffolderModule = createBackendModule({
  moduleId: 'docker',
  pluginId: 'scaffolder',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ scaffolderActions, config, logger }) {
        const options = readDockerOptions(config);
        const engine = options ? new DockerodeEngine(options) : undefined;
        if (!engine)
          logger.info(
            'No Docker Engine configured (integrations.docker): the docker actions run as dry runs only',
          );
        const allowedGroups = config.getOptionalStringArray(
          'integrations.docker.isolation.allowedGroups',
        );
        scaffolderActions.addActions(
          createDockerInspectAction({ engine }),
          createDockerIsolateAction({ engine, allowedGroups }),
        );
      },
    });
  },
});
