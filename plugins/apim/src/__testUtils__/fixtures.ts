import type {
  ApiDetails,
  ApiKeyView,
  ApiSummary,
  Application,
  Page,
  Plan,
  Subscription,
} from '@portico/plugin-apim-common';

export const freePlan: Plan = {
  name: 'free',
  title: 'Free',
  description: 'Try the API in sandbox and staging.',
  rateLimit: { requests: 10, per: 'second' },
  quota: { requests: 10000, per: 'month' },
  approval: 'auto',
  environments: ['sandbox', 'staging'],
};

export const goldPlan: Plan = {
  name: 'gold',
  title: 'Gold',
  description: "Production traffic, reviewed by the API's owners.",
  rateLimit: { requests: 200, per: 'second' },
  quota: { requests: 5000000, per: 'month' },
  approval: 'manual',
  environments: ['sandbox', 'staging', 'production'],
};

export function apiSummary(overrides: Partial<ApiSummary> = {}): ApiSummary {
  return {
    ref: 'api:default/payments-api',
    name: 'payments-api',
    title: 'Payments API',
    description: 'Create, capture and cancel card and bank payments.',
    owner: 'group:default/payments-team',
    system: 'system:default/payments',
    lifecycle: 'production',
    type: 'openapi',
    tags: ['payments', 'rest'],
    version: '1.4.0',
    environments: ['sandbox', 'staging', 'production'],
    plans: [freePlan, goldPlan],
    subscriberCount: 3,
    ...overrides,
  };
}

export function apiDetails(overrides: Partial<ApiDetails> = {}): ApiDetails {
  return {
    ...apiSummary(),
    definitionType: 'openapi',
    servers: [
      {
        url: 'https://api.sandbox.acme.example/payments/v1',
        environment: 'sandbox',
        description: 'Sandbox - test cards only',
        private: false,
      },
      {
        url: 'https://api.acme.example/payments/v1',
        environment: 'production',
        description: 'Production - live payments',
        private: false,
      },
    ],
    operations: [
      {
        operationId: 'listPayments',
        method: 'GET',
        path: '/payments',
        summary: 'List payments',
      },
      {
        operationId: 'createPayment',
        method: 'POST',
        path: '/payments',
        summary: 'Create a payment',
      },
      {
        operationId: 'getPayment',
        method: 'GET',
        path: '/payments/{paymentId}',
        summary: 'Get a payment',
      },
    ],
    ...overrides,
  };
}

export const APP_ID = '3f0c8a4e-5b1d-4c1e-9a43-2d6f8e1b7c10';
export const OTHER_APP_ID = '9b2e4d61-0f3a-4b8c-a5d7-1c9e6f2a8b34';

export function application(overrides: Partial<Application> = {}): Application {
  return {
    id: APP_ID,
    name: 'checkout-web',
    description: 'The web shop checkout',
    owner: 'group:default/devops-acme',
    environments: ['sandbox', 'production'],
    createdBy: 'user:default/alice',
    createdAt: '2025-06-01T10:00:00.000Z',
    updatedAt: '2025-06-01T10:00:00.000Z',
    ...overrides,
  };
}

export function subscription(
  overrides: Partial<Subscription> = {},
): Subscription {
  return {
    id: 'a7c1e2d3-4b5f-4a6e-8c9d-0e1f2a3b4c5d',
    applicationId: APP_ID,
    applicationName: 'checkout-web',
    applicationOwner: 'group:default/devops-acme',
    apiRef: 'api:default/payments-api',
    plan: 'gold',
    environment: 'production',
    state: 'pending',
    requestedBy: 'user:default/alice',
    createdAt: '2025-06-02T09:00:00.000Z',
    updatedAt: '2025-06-02T09:00:00.000Z',
    history: [
      {
        from: null,
        to: 'pending',
        actor: 'user:default/alice',
        at: '2025-06-02T09:00:00.000Z',
      },
    ],
    ...overrides,
  };
}

export function apiKey(overrides: Partial<ApiKeyView> = {}): ApiKeyView {
  return {
    id: 'k-1',
    applicationId: APP_ID,
    environment: 'sandbox',
    prefix: 'pt_sbx_7Hq2',
    last4: 'x9Qa',
    status: 'active',
    createdAt: '2025-06-01T10:05:00.000Z',
    createdBy: 'user:default/alice',
    ...overrides,
  };
}

export function page<T>(items: T[], overrides: Partial<Page<T>> = {}): Page<T> {
  return {
    items,
    totalCount: items.length,
    limit: 25,
    offset: 0,
    ...overrides,
  };
}
