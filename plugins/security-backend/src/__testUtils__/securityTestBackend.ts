import type { Knex } from 'knex';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuditorServiceCreateEventOptions,
  BackendFeature,
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  rbacTestServices,
  recordingNotifications,
  type TestRbac,
} from '@portico/portico-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { securityPlugin, SECURITY_TASKS } from '../plugin';
import { PAYMENTS_IMAGE } from './fixtures';

/** The demo roles (catalog/org.yaml): who is in which group. */
export const GROUPS_BY_USER: Record<string, string[]> = {
  'user:default/alice': ['devops-acme', 'payments-team'],
  'user:default/bob': ['cpi-tenant-acme', 'payments-team'],
  'user:default/dave': ['devops-globex', 'commerce-team'],
  'user:default/frank': ['security'],
  'user:default/grace': ['security'],
  'user:default/heidi': ['security', 'payments-team'],
  'user:default/mallory': [],
};

/** The RBAC of app-config.yaml (`portico.rbac`) for the security permissions. */
export const SECURITY_RBAC: TestRbac = {
  groupsByUser: GROUPS_BY_USER,
  signedIn: ['security.finding.read', 'security.risk.request'],
  roles: {
    security: [
      'security.finding.read',
      'security.finding.triage',
      'security.risk.request',
      'security.risk.approve',
      'security.report.ingest',
    ],
  },
};

export const { allowed, permissionsFactory, userInfoFactory } =
  rbacTestServices(SECURITY_RBAC);

function component(
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', title: name, annotations },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

export const CATALOG: Entity[] = [
  component('payments-gateway', 'payments-team', {
    'portico.io/container-image': `${PAYMENTS_IMAGE}:1.4.2`,
    'backstage.io/kubernetes-namespace': 'payments',
  }),
  component('ledger-service', 'payments-team', {
    'portico.io/container-image':
      'ledger-service, ghcr.io/acme/ledger-migrations',
  }),
  component('customers-service', 'commerce-team', {}),
];

export function auth(user: string): string {
  return mockCredentials.user.header(`user:default/${user}`);
}

export function serviceAuth(subject: string): string {
  return mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'security',
  });
}

export const FALCO_TOKEN = 'falco-test-token-0123456789';

export interface SecurityTestBackend {
  server: any;
  knex: Knex;
  scheduler: SchedulerService & { triggerTask(id: string): Promise<void> };
  audits: AuditorServiceCreateEventOptions[];
  /** Notifications sent through the notifications service. */
  notifications: NotificationSendOptions[];
  /** Runs the catalog sync now. */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSecurityTestBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: {
    config?: Record<string, unknown>;
    features?: BackendFeature[];
    catalog?: Entity[];
    /** A policy other than the demo's, for paths the demo roles never reach. */
    rbac?: TestRbac;
  } = {},
): Promise<SecurityTestBackend> {
  const knex = await databases.init(databaseId);
  const scheduler =
    mockServices.scheduler() as unknown as SecurityTestBackend['scheduler'] & {
      factory(): any;
    };
  const audits: AuditorServiceCreateEventOptions[] = [];
  const notifications = recordingNotifications();
  const rbac = options.rbac
    ? rbacTestServices(options.rbac)
    : { permissionsFactory, userInfoFactory };
  const backend = await startTestBackend({
    features: [
      securityPlugin,
      ...(options.features ?? []),
      rbac.permissionsFactory,
      rbac.userInfoFactory,
      notifications.factory,
      scheduler.factory(),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: options.catalog ?? CATALOG }),
      createServiceFactory({
        service: coreServices.auditor,
        deps: {},
        factory: () => ({
          async createEvent(event: AuditorServiceCreateEventOptions) {
            audits.push(event);
            return { success: async () => {}, fail: async () => {} };
          },
        }),
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.test' },
          portico: { events: { relay: { intervalSeconds: 3600 } } },
          security: {
            ingest: { allowedSubjects: ['external:ci'] },
            falco: { token: FALCO_TOKEN },
          },
          ...options.config,
        },
      }),
    ],
  });
  return {
    server: backend.server,
    knex,
    scheduler,
    audits,
    notifications: notifications.sent,
    sync: () => scheduler.triggerTask(SECURITY_TASKS.catalogSync),
    stop: () => backend.stop(),
  };
}
