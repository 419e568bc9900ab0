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
import {
  AuditorServiceCreateEventOptions,
  BackendFeature,
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { promotionsPlugin } from '../plugin';

/** 20 approvers of acme, for the concurrency test. */
export const ACME_APPROVERS = Array.from(
  { length: 20 },
  (_, i) => `approver${i + 1}`,
);

/** The demo roles (catalog/org.yaml): who is in which group. */
export const GROUPS_BY_USER: Record<string, string[]> = {
  'user:default/alice': ['devops-acme', 'payments-team'],
  'user:default/bob': ['cpi-tenant-acme', 'payments-team'],
  'user:default/carol': ['cpi-admin', 'portal-admins'],
  'user:default/dave': ['devops-globex', 'commerce-team'],
  'user:default/erin': ['cpi-tenant-globex', 'commerce-team'],
  'user:default/frank': ['security'],
  'user:default/judy': ['portal-admins', 'platform-team'],
  'user:default/mallory': [],
  ...Object.fromEntries(
    ACME_APPROVERS.map(u => [`user:default/${u}`, ['cpi-tenant-acme']]),
  ),
};

/** The RBAC of app-config.yaml (`portico.rbac`), group -> promotions permissions. */
const SIGNED_IN = ['promotions.request.read'];
const DECIDE = [
  'promotions.request.create',
  'promotions.request.approve',
  'promotions.request.reject',
  'promotions.request.retry',
];
const ROLES: Record<string, string[]> = {
  'cpi-admin': DECIDE,
  'cpi-tenant-acme': DECIDE,
  'cpi-tenant-globex': DECIDE,
  'devops-acme': ['promotions.request.create', 'promotions.request.retry'],
  'devops-globex': ['promotions.request.create', 'promotions.request.retry'],
};

export const { allowed, permissionsFactory, userInfoFactory } =
  rbacTestServices({
    groupsByUser: GROUPS_BY_USER,
    signedIn: SIGNED_IN,
    roles: ROLES,
  });

export const SCAFFOLDER_URL = 'http://scaffolder.test/api/scaffolder';

const discoveryFactory = createServiceFactory({
  service: coreServices.discovery,
  deps: {},
  factory: () =>
    mockServices.discovery.mock({
      getBaseUrl: async pluginId =>
        pluginId === 'scaffolder'
          ? SCAFFOLDER_URL
          : `http://localhost:0/api/${pluginId}`,
    }),
});

function component(name: string, owner: string, tenant?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: name.replace(/-/g, ' '),
      annotations: tenant ? { 'portico.io/tenant': tenant } : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

function group(name: string, tenant?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      namespace: 'default',
      annotations: tenant ? { 'portico.io/tenant': tenant } : {},
    },
    spec: { type: 'team', children: [] },
  };
}

export const CATALOG: Entity[] = [
  component('payments-gateway', 'payments-team', 'acme'),
  component('ledger-service', 'payments-team', 'acme'),
  component('customers-service', 'commerce-team', 'globex'),
  // No annotation of its own: the tenant comes from its owner group.
  component('billing-batch', 'billing-team'),
  // No tenant anywhere.
  component('notification-worker', 'platform-team'),
  // Its own annotation says acme, its owner group is globex's: the org decides, the request is refused.
  component('rogue-service', 'commerce-team', 'acme'),
  group('payments-team', 'acme'),
  group('commerce-team', 'globex'),
  group('billing-team', 'acme'),
  group('platform-team'),
];

export const auth = userAuth;

export interface PromotionsTestBackend {
  server: any;
  knex: Knex;
  scheduler: SchedulerService & { triggerTask(id: string): Promise<void> };
  sent: NotificationSendOptions[];
  audits: AuditorServiceCreateEventOptions[];
  stop(): Promise<void>;
}

export async function startPromotionsTestBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: {
    config?: Record<string, unknown>;
    features?: BackendFeature[];
  } = {},
): Promise<PromotionsTestBackend> {
  const knex = await databases.init(databaseId);
  const scheduler = manualScheduler();
  const notifications = recordingNotifications();
  const auditor = recordingAuditor();
  const backend = await startTestBackend({
    features: [
      promotionsPlugin,
      ...(options.features ?? []),
      permissionsFactory,
      userInfoFactory,
      discoveryFactory,
      scheduler.factory(),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: CATALOG }),
      auditor.factory,
      notifications.factory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.test' },
          portico: { events: { relay: { intervalSeconds: 3600 } } },
          ...options.config,
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

export const VALID_REQUEST = {
  componentRef: 'component:default/payments-gateway',
  version: '1.4.2',
  justification: 'Fixes the refund rounding bug reported by finance',
  rollbackPlan: 'Promote 1.4.1 again; no schema change involved',
};

let counter = 0;
/** A request through the API as `user`; a fresh version per call so the gate does not interfere. */
export async function createPromotion(
  server: any,
  user: string,
  body: Record<string, unknown> = {},
) {
  counter++;
  const res = await request(server)
    .post('/api/promotions/requests')
    .set('Authorization', auth(user))
    .send({ ...VALID_REQUEST, version: `1.4.${100 + counter}`, ...body });
  if (res.status !== 201)
    throw new Error(
      `create promotion: ${res.status} ${JSON.stringify(res.body)}`,
    );
  return res.body as { id: string; state: string; requestedBy: string };
}
