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
  createServicedeskRequestVerifyAction,
  ServicedeskClient,
} from './actions/servicedesk';
import {
  createPromotionAttemptVerifyAction,
  createPromotionRequestCreateAction,
  PromotionsClient,
} from './actions/promotions';
import {
  createRecordIsolationAction,
  createSecurityTrivyIngestAction,
  SecurityClient,
} from './actions/security';

/**
 * Scaffolder actions over Portico's own plugins; each calls its plugin's REST API as the task's
 * initiator. No action approves anything: an approval is an explicit act of the approver in the
 * portal or the REST API, never a step of a template someone else wrote.
 */
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
        const servicedesk = new ServicedeskClient({ discovery, auth });
        const security = new SecurityClient({ discovery, auth });
        const actions = [
          createApimApplicationCreateAction({ client: apim }),
          createApimSubscriptionCreateAction({ client: apim }),
          createFileIncidentAction({ client: servicedesk }),
          createRequireIntegrationAction({ config }),
          createServicedeskRequestVerifyAction({ client: servicedesk }),
          createPromotionRequestCreateAction({ client: promotions }),
          createPromotionAttemptVerifyAction({ client: promotions }),
          createRecordIsolationAction({ client: security }),
          createSecurityTrivyIngestAction({ client: security }),
        ];
        scaffolder.addActions(...actions);
        logger.debug(
          `Registered scaffolder actions ${actions.map(a => a.id).join(', ')}`,
        );
      },
    });
  },
});
