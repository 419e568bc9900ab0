export { ApimClient } from './ApimClient';
export {
  createApimApplicationCreateAction,
  CREATE_APPLICATION_ACTION_ID,
} from './createApplication';
export {
  createApimSubscriptionCreateAction,
  CREATE_SUBSCRIPTION_ACTION_ID,
} from './createSubscription';
