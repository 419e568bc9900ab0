/**
 * Scaffolder actions over Portico's own plugins (`apim:application:create`, `apim:subscription:create`), run as
 * the user who runs the template.
 *
 * @packageDocumentation
 */

export { scaffolderModulePortico as default } from './module';
export {
  createApimApplicationCreateAction,
  createApimSubscriptionCreateAction,
  ApimClient,
} from './actions/apim';
export {
  createServicedeskRequestVerifyAction,
  ServicedeskClient,
} from './actions/servicedesk';
export {
  createPromotionRequestCreateAction,
  createPromotionAttemptVerifyAction,
  PromotionsClient,
} from './actions/promotions';
