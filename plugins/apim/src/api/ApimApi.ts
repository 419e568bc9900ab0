import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ApiDetails,
  ApiKeyView,
  ApiSummary,
  Application,
  CodeSample,
  CodeSamplesRequest,
  CreateApplicationRequest,
  CreateKeyRequest,
  CreateSubscriptionRequest,
  IssuedApiKey,
  Page,
  Subscription,
  SubscriptionState,
  TryItRequest,
  TryItResponse,
  UpdateApplicationRequest,
  UsageDay,
  ApiUsage,
} from '@portico/plugin-apim-common';

/** Limit and offset of a list; the server defaults to 25 and caps at `MAX_PAGE_SIZE`. */
export interface PageRequest {
  limit?: number;
  offset?: number;
}

/** `GET /apis`: every filter is optional; empty strings are left out. */
export interface ListApisRequest extends PageRequest {
  search?: string;
  /** `group:default/payments-team` */
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  tag?: string;
}

export interface ListApplicationsRequest extends PageRequest {
  /** `group:default/payments-team` */
  owner?: string;
  /** Only applications owned by one of the caller's groups. */
  mine?: boolean;
}

export interface ListSubscriptionsRequest extends PageRequest {
  applicationId?: string;
  /** `api:default/payments-api` */
  apiRef?: string;
  state?: SubscriptionState;
  /** Pending subscriptions the caller may approve or reject. */
  awaitingMyDecision?: boolean;
}

/** How long the old key keeps working after a rotation; the server's default (24 h) when absent. */
export interface RotateKeyRequest {
  graceHours?: number;
}

/** Moves of a subscription's state that take an optional comment. */
export type SubscriptionAction = 'approve' | 'suspend' | 'resume' | 'revoke';

/**
 * The apim backend (`/api/apim`) as the browser sees it, with the signed-in user's token.
 *
 * `POST /keys/verify` is left out on purpose: it is for gateways with service credentials, and a
 * user's token is refused there.
 */
export interface ApimApi {
  listApis(request?: ListApisRequest): Promise<Page<ApiSummary>>;
  /** `apiRef` is `api:namespace/name` (kind and namespace optional). */
  getApi(apiRef: string): Promise<ApiDetails>;

  listApplications(
    request?: ListApplicationsRequest,
  ): Promise<Page<Application>>;
  getApplication(id: string): Promise<Application>;
  createApplication(request: CreateApplicationRequest): Promise<Application>;
  updateApplication(
    id: string,
    request: UpdateApplicationRequest,
  ): Promise<Application>;
  /** Revokes the application's keys and ends its subscriptions, in one transaction. */
  deleteApplication(id: string): Promise<void>;

  listSubscriptions(
    request?: ListSubscriptionsRequest,
  ): Promise<Page<Subscription>>;
  getSubscription(id: string): Promise<Subscription>;
  createSubscription(request: CreateSubscriptionRequest): Promise<Subscription>;
  changeSubscription(
    id: string,
    action: SubscriptionAction,
    comment?: string,
  ): Promise<Subscription>;
  /** A rejection always says why. */
  rejectSubscription(id: string, comment: string): Promise<Subscription>;

  listKeys(applicationId: string): Promise<ApiKeyView[]>;
  /** The answer holds the secret: show it once, keep it nowhere. */
  createKey(
    applicationId: string,
    request: CreateKeyRequest,
  ): Promise<IssuedApiKey>;
  rotateKey(keyId: string, request?: RotateKeyRequest): Promise<IssuedApiKey>;
  revokeKey(keyId: string): Promise<ApiKeyView>;

  /** The definition as OpenAPI 3.0 YAML, with what the conversion changed and dropped. */
  exportOpenapi30(apiRef: string): Promise<Openapi30Export>;

  /** What the gateway counted for the application, per API, environment and day. */
  getApplicationUsage(applicationId: string, days: number): Promise<UsageDay[]>;
  /** The same as CSV, for a spreadsheet. */
  getApplicationUsageCsv(applicationId: string, days: number): Promise<string>;

  /** Every application's usage of one API (its owners and admins only). */
  getApiUsage(apiRef: string, days: number): Promise<ApiUsage>;
  /** The same as CSV, with the applications' names. */
  getApiUsageCsv(apiRef: string, days: number): Promise<string>;

  /** Calls the API through the backend, which adds the application's key on the server side. */
  tryIt(request: TryItRequest): Promise<TryItResponse>;
  /** The same request as code, with the key as a placeholder. */
  codeSamples(request: CodeSamplesRequest): Promise<CodeSample[]>;
}

/** `GET /apis/:namespace/:name/openapi-3.0`. */
export interface Openapi30Export {
  filename: string;
  yaml: string;
  converted: string[];
  dropped: string[];
}

export const apimApiRef = createApiRef<ApimApi>().with({
  id: 'plugin.apim',
  pluginId: 'apim',
});
