import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PorticoPermissionPolicy } from './service/PorticoPermissionPolicy';
import { readRbacRules } from './service/rbacConfig';

export const permissionModulePortico = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portico',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, logger, userInfo, policy }) {
        const rules = readRbacRules(config);
        logger.info(
          `Portico RBAC: ${rules.roles.length} role grants, deny by default for ${rules.porticoAreas.join(', ')}`,
        );
        policy.setPolicy(new PorticoPermissionPolicy(rules, userInfo, logger));
      },
    });
  },
});
