import type { ApimEnvironment, Plan } from './plans';

/** An API as the APIs page shows it: the catalog entity plus what APIM knows of it. */
export interface ApiSummary {
  /** `api:default/payments-api` */
  ref: string;
  name: string;
  title?: string;
  description?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  tags: string[];
  /** `info.version` of the definition, when it parses. */
  version?: string;
  /** Environments the definition declares servers for (`x-portico-environment`). */
  environments: ApimEnvironment[];
  plans: Plan[];
  /** Why the plans annotation could not be read, if it could not. */
  plansError?: string;
  /** Active subscriptions, all environments. */
  subscriberCount: number;
}

export interface ApiServer {
  url: string;
  environment?: ApimEnvironment;
  description?: string;
  /** Declared with `x-portico-private: true`: Try-It may reach a private address. */
  private: boolean;
}

export interface ApiOperation {
  operationId?: string;
  method: string;
  path: string;
  summary?: string;
}

export interface ApiDetails extends ApiSummary {
  definitionType?: string;
  servers: ApiServer[];
  operations: ApiOperation[];
  /** Where a caller puts the application's key: the definition's API-key scheme (X-API-Key header by default). */
  apiKey?: { in: 'header' | 'query'; name: string };
  /** Why the definition could not be parsed (the API page shows it instead of a blank page). */
  definitionError?: string;
}

export interface Application {
  id: string;
  name: string;
  description?: string;
  /** Owner group, `group:default/payments-team`. */
  owner: string;
  environments: ApimEnvironment[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const SUBSCRIPTION_STATES = ['pending', 'active', 'rejected', 'suspended', 'revoked'] as const;
export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];

export interface SubscriptionTransition {
  from: SubscriptionState | null;
  to: SubscriptionState;
  actor: string;
  comment?: string;
  at: string;
}

export interface Subscription {
  id: string;
  applicationId: string;
  applicationName: string;
  /** Owner group of the application. */
  applicationOwner: string;
  apiRef: string;
  plan: string;
  environment: ApimEnvironment;
  state: SubscriptionState;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
  history: SubscriptionTransition[];
}

export type ApiKeyStatus = 'active' | 'expiring' | 'revoked' | 'expired';

/** A key as it is shown after creation: never the secret. */
export interface ApiKeyView {
  id: string;
  applicationId: string;
  environment: ApimEnvironment;
  /** Recognisable start of the key, e.g. `pt_prod_7Hq2`. */
  prefix: string;
  last4: string;
  status: ApiKeyStatus;
  createdAt: string;
  createdBy: string;
  expiresAt?: string;
  revokedAt?: string;
  /** After a rotation, the old key keeps working until then. */
  graceUntil?: string;
  replacedBy?: string;
  lastUsedAt?: string;
}

/** The answer to creating or rotating a key: the secret, shown this once. */
export interface IssuedApiKey {
  key: ApiKeyView;
  secret: string;
}

/** `POST /api/apim/keys/verify`, for gateways (service credentials only). */
export type KeyVerification =
  | {
      valid: true;
      application: { id: string; name: string; owner: string };
      environment: ApimEnvironment;
      keyId: string;
      subscriptions: Array<{
        subscriptionId: string;
        apiRef: string;
        plan: string;
        rateLimit?: Plan['rateLimit'];
        quota?: Plan['quota'];
      }>;
    }
  | { valid: false };

export interface TryItResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** Text of the body (truncated to the configured limit), base64 when binary. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  truncated: boolean;
  durationMs: number;
  /** The URL called, with the key redacted. */
  url: string;
}

export interface CodeSample {
  language: string;
  label: string;
  code: string;
}

export type { Page } from '@portico/plugin-portico-common';
