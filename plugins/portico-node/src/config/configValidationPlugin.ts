import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { loadWorkspaceConfigSchema, validateConfig } from './validateConfig';

/**
 * Refuses to start the backend when app-config does not match the packages' config
 * schemas; the error names each wrong key (`/portico/metrics/enabled`).
 */
export const configValidationPlugin = createBackendPlugin({
  pluginId: 'portico-config',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig, logger: coreServices.logger },
      async init({ config, logger }) {
        validateConfig(config, await loadWorkspaceConfigSchema());
        logger.info('app-config matches the config schemas');
      },
    });
  },
});
