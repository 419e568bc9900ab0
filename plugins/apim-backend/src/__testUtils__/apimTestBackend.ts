import type { Knex } from 'knex';
import request from 'supertest';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  manualScheduler,
  rbacTestServices,
  recordingAuditor,
  recordingNotifications,
  userAuth,
} from '@portico/portico-test-utils';
import type { AuditorServiceCreateEventOptions, SchedulerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { apimPlugin } from '../plugin';

/**
 * The demo roles: who is in which group. Alice and Bob are both in payments-team (the owner of
 * the payments APIs), so one can approve what the other asked for.
 */
export const GROUPS_BY_USER: Record<string, string[]> = {
  'user:default/alice': ['devops-acme', 'payments-team'],
  'user:default/bob': ['cpi-tenant-acme', 'payments-team'],
  'user:default/carol': ['devops-acme'],
  'user:default/dave': ['devops-globex', 'commerce-team'],
  'user:default/judy': ['portal-admins'],
  // Signed in, but the policy grants her nothing.
  'user:default/mallory': [],
};

/** The RBAC the tests assume (app-config `portico.rbac`), group -> permissions. */
const SIGNED_IN = [
  'apim.api.read',
  'apim.application.create',
  'apim.application.manage',
  'apim.tryit.use',
];
const ROLES: Record<string, string[]> = {
  'devops-acme': ['apim.subscription.create'],
  'devops-globex': ['apim.subscription.create'],
  'payments-team': ['apim.subscription.decide'],
  'commerce-team': ['apim.subscription.decide'],
};

export const { allowed, permissionsFactory, userInfoFactory } =
  rbacTestServices({
    groupsByUser: GROUPS_BY_USER,
    signedIn: SIGNED_IN,
    roles: ROLES,
  });

export const PAYMENTS_DEFINITION = `
openapi: 3.0.3
info: { title: Payments API, version: 1.4.0 }
servers:
  - url: https://api.sandbox.acme.example/payments/v1
    x-portico-environment: sandbox
  - url: https://api.staging.acme.example/payments/v1
    x-portico-environment: staging
  - url: https://api.acme.example/payments/v1
    x-portico-environment: production
components:
  securitySchemes:
    apiKey: { type: apiKey, in: header, name: X-API-Key }
paths:
  /payments:
    get: { operationId: listPayments, summary: List payments, responses: { '200': { description: ok } } }
    post: { operationId: createPayment, summary: Create a payment, responses: { '201': { description: created } } }
`;

const CUSTOMERS_DEFINITION = `
openapi: 3.0.3
info: { title: Customers API, version: 2.0.1 }
servers:
  - url: https://sandbox.globex.example/customers
    x-portico-environment: sandbox
  - url: https://globex.example/customers
    x-portico-environment: production
paths:
  /customers:
    get: { operationId: listCustomers, responses: { '200': { description: ok } } }
`;

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

function api(options: {
  name: string;
  title: string;
  description: string;
  owner: string;
  system: string;
  lifecycle: string;
  tags: string[];
  plans: string;
  definition: string;
  tenant: string;
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: options.name,
      namespace: 'default',
      title: options.title,
      description: options.description,
      tags: options.tags,
      annotations: {
        'portico.io/plans': options.plans,
        'portico.io/tenant': options.tenant,
      },
    },
    spec: {
      type: 'openapi',
      lifecycle: options.lifecycle,
      owner: options.owner,
      system: options.system,
      definition: options.definition,
    },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${options.owner}` },
      { type: 'partOf', targetRef: `system:default/${options.system}` },
    ],
  };
}

export const CATALOG: Entity[] = [
  ...[
    'devops-acme',
    'payments-team',
    'cpi-tenant-acme',
    'devops-globex',
    'commerce-team',
    'portal-admins',
  ].map(group),
  api({
    name: 'payments-api',
    title: 'Payments API',
    description: 'Create, capture and cancel card payments.',
    owner: 'payments-team',
    system: 'payments',
    lifecycle: 'production',
    tags: ['acme', 'payments'],
    tenant: 'acme',
    definition: PAYMENTS_DEFINITION,
    plans: `
- name: free
  rateLimit: { requests: 10, per: second }
  quota: { requests: 10000, per: month }
  approval: auto
  environments: [sandbox, staging]
- name: gold
  rateLimit: { requests: 200, per: second }
  approval: manual
  environments: [sandbox, staging, production]
`,
  }),
  api({
    name: 'customers-api',
    title: 'Customers API',
    description:
      'Manage globex customer profiles and their shipping addresses.',
    owner: 'commerce-team',
    system: 'commerce',
    lifecycle: 'experimental',
    tags: ['globex'],
    tenant: 'globex',
    definition: CUSTOMERS_DEFINITION,
    plans: `
- name: basic
  approval: auto
  environments: [sandbox, production]
`,
  }),
  api({
    name: 'broken-api',
    title: 'Broken API',
    description: 'Its definition and plans do not parse.',
    owner: 'commerce-team',
    system: 'commerce',
    lifecycle: 'experimental',
    tags: ['globex'],
    tenant: 'globex',
    definition: 'openapi: [unclosed',
    plans: '- name: Not A Name\n  approval: sometimes',
  }),
];

export const auth = userAuth;

export interface ApimTestBackend {
  server: any;
  knex: Knex;
  scheduler: SchedulerService & { triggerTask(id: string): Promise<void> };
  sent: NotificationSendOptions[];
  audits: AuditorServiceCreateEventOptions[];
  stop(): Promise<void>;
}

/** The gateway's service subject the tests' config allows on `POST /keys/verify` (mockCredentials' default). */
export const GATEWAY_SUBJECT = 'external:test-service';

export async function startApimTestBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: { config?: Record<string, unknown>; entities?: Entity[] } = {},
): Promise<ApimTestBackend> {
  const knex = await databases.init(databaseId);
  const scheduler = manualScheduler();
  const notifications = recordingNotifications();
  const auditor = recordingAuditor();
  const config = options.config ?? {};
  const backend = await startTestBackend({
    features: [
      apimPlugin,
      permissionsFactory,
      userInfoFactory,
      scheduler.factory(),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [...CATALOG, ...(options.entities ?? [])] }),
      notifications.factory,
      auditor.factory,
      mockServices.rootConfig.factory({
        data: {
          portico: { events: { relay: { intervalSeconds: 3600 } } },
          ...config,
          apim: {
            verify: { allowedSubjects: [GATEWAY_SUBJECT] },
            ...(config.apim as Record<string, unknown> | undefined),
          },
        },
      }),
    ],
  });
  return {
    server: backend.server,
    knex,
    scheduler,
    sent: notifications.sent,
    audits: auditor.audits,
    stop: () => backend.stop(),
  };
}

/** Creates an application through the API and returns it. */
export async function createApplication(
  server: any,
  user: string,
  body: {
    name: string;
    owner: string;
    environments: string[];
    description?: string;
  },
) {
  const res = await request(server)
    .post('/api/apim/applications')
    .set('Authorization', auth(user))
    .send(body);
  if (res.status !== 201)
    throw new Error(
      `create application: ${res.status} ${JSON.stringify(res.body)}`,
    );
  return res.body as { id: string; name: string; owner: string };
}

let counter = 0;
/** A fresh application name per call: tests on one backend do not collide. */
export function uniqueName(base: string): string {
  counter++;
  return `${base}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}
