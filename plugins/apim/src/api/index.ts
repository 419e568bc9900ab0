export { apimApiRef } from './ApimApi';
export type {
  ApimApi,
  ListApisRequest,
  ListApplicationsRequest,
  ListSubscriptionsRequest,
  PageRequest,
  RotateKeyRequest,
  SubscriptionAction,
} from './ApimApi';
export { ApimClient } from './ApimClient';
export { describeError, fieldErrorOf, isForbidden } from './errors';
