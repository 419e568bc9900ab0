import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { createTextPlaceholderResolver } from './service/localFileTextResolver';

export const catalogModulePortico = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'portico',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addPlaceholderResolver('text', createTextPlaceholderResolver());
      },
    });
  },
});
