import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  ApimClient,
  createApimApplicationCreateAction,
  createApimSubscriptionCreateAction,
} from './actions/apim';
import {
  createFileIncidentAction,
  createRequireIntegrationAction,
  ServicedeskClient,
} from './actions/servicedesk';
import {
  createPromotionRequestApproveAction,
  createPromotionRequestCreateAction,
  PromotionsClient,
} from './actions/promotions';

/** Scaffolder actions over Portico's own plugins; each calls its plugin's REST API as the template's user. */
export const scaffolderModulePortico = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'portico',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, discovery, auth, logger, config }) {
        const apim = new ApimClient({ discovery, auth });
        const promotions = new PromotionsClient({ discovery, auth });
        const actions = [
          createApimApplicationCreateAction({ client: apim }),
          createApimSubscriptionCreateAction({ client: apim }),
          createFileIncidentAction({ client: new ServicedeskClient({ discovery, auth }) }),
          createRequireIntegrationAction({ config }),
          createPromotionRequestCreateAction({ client: promotions }),
          createPromotionRequestApproveAction({ client: promotions }),
        ];
        scaffolder.addActions(...actions);
        logger.debug(
          `Registered scaffolder actions ${actions.map(a => a.id).join(', ')}`,
        );
      },
    });
  },
});
