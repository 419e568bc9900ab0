export { apimApiRef } from './ApimApi';
export type {
  ApimApi,
  ListApisRequest,
  ListApplicationsRequest,
  ListSubscriptionsRequest,
  Openapi30Export,
  PageRequest,
  RotateKeyRequest,
  SubscriptionAction,
} from './ApimApi';
export { ApimClient } from './ApimClient';
export { describeError, fieldErrorOf, isForbidden } from './errors';
