/**
 * The APIM frontend: the API Portal, applications with their subscriptions and keys, the
 * subscriptions awaiting one's decision, and on API entities the plans card and the Try-It tab.
 *
 * @packageDocumentation
 */
export { apimPlugin as default } from './plugin';
export {
  apimApiRef,
  ApimClient,
  type ApimApi,
  type ListApisRequest,
  type ListApplicationsRequest,
  type ListSubscriptionsRequest,
} from './api';

/** The nav item ids of the plugin's pages, for the app's sidebar. */
export const API_PORTAL_NAV_ITEM_ID = 'page:apim/api-portal';
export const APPLICATIONS_NAV_ITEM_ID = 'page:apim/applications';
