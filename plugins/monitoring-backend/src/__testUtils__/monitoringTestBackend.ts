import type { Knex } from 'knex';
import { mockCredentials, mockServices, startTestBackend, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { createBackendModule, createServiceFactory, SchedulerService } from '@backstage/backend-plugin-api';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService, NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { rbacTestServices } from '@portico/portico-test-utils';
import type { JsonObject } from '@backstage/types';
import { createMonitoringPlugin, MONITORING_TASKS } from '../plugin';

export const GROUPS_BY_USER: Record<string, string[]> = {
  'user:default/alice': ['payments-team'],
  'user:default/bob': ['web-team'],
  'user:default/grace': ['sre'],
  'user:default/mallory': [],
};

/** The RBAC of app-config `portico.rbac` for monitoring. */
const SIGNED_IN = ['monitoring.alert.read', 'monitoring.alert.ack', 'monitoring.rules.read', 'monitoring.metrics.read'];
const ROLES: Record<string, string[]> = { sre: ['monitoring.alert.manage', 'monitoring.silence.manage'] };

export const { permissionsFactory, userInfoFactory } = rbacTestServices({
  groupsByUser: GROUPS_BY_USER,
  signedIn: SIGNED_IN,
  roles: ROLES,
  allowServices: true,
});

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

function component(name: string, owner: string, annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

export const CATALOG: Entity[] = [
  ...['payments-team', 'web-team', 'sre'].map(group),
  component('payments-gateway', 'payments-team', { 'portico.io/alert-selector': 'app="pgw", env=~"prod|staging"' }),
  component('checkout', 'group:default/web-team'),
  component('ledger', 'payments-team', { 'slack.com/bot-notify': '#ledger-alerts' }),
];

export function auth(name: string): string {
  return mockCredentials.user.header(`user:default/${name}`);
}

export class FakeClock {
  constructor(public current = Date.parse('2026-12-01T09:00:00Z')) {}
  now() {
    return this.current;
  }
  advance(ms: number) {
    this.current += ms;
  }
}

export interface MonitoringTestBackend {
  server: any;
  knex: Knex;
  clock: FakeClock;
  sent: NotificationSendOptions[];
  trigger(task: keyof typeof MONITORING_TASKS): Promise<void>;
  /** Publishes on the backend's events service, as another plugin's relay would. */
  publish(topic: string, payload: object): Promise<void>;
  stop(): Promise<void>;
}

export const WEBHOOK_TOKEN = 'am-secret';
export const ALERTMANAGER = 'http://alertmanager.test:9093';

export async function startMonitoringTestBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  monitoring: JsonObject = {},
): Promise<MonitoringTestBackend> {
  const knex = await databases.init(databaseId);
  const clock = new FakeClock();
  const scheduler = mockServices.scheduler() as unknown as SchedulerService & {
    triggerTask(id: string): Promise<void>;
    factory(): any;
  };
  const sent: NotificationSendOptions[] = [];
  let events: EventsService | undefined;
  const backend = await startTestBackend({
    features: [
      createMonitoringPlugin({ clock }),
      createBackendModule({
        pluginId: 'monitoring',
        moduleId: 'test-events',
        register(env) {
          env.registerInit({
            deps: { service: eventsServiceRef },
            async init({ service }) {
              events = service;
            },
          });
        },
      }),
      permissionsFactory,
      userInfoFactory,
      scheduler.factory(),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: CATALOG }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (notification: NotificationSendOptions) => {
            sent.push(notification);
          },
        }),
      }),
      mockServices.rootConfig.factory({
        data: {
          portico: { events: { relay: { intervalSeconds: 3600 } } },
          monitoring: {
            alertmanager: { webhookToken: WEBHOOK_TOKEN, baseUrl: ALERTMANAGER },
            ...monitoring,
          },
        },
      }),
    ],
  });
  const result: MonitoringTestBackend = {
    server: backend.server,
    knex,
    clock,
    sent,
    trigger: task => scheduler.triggerTask(MONITORING_TASKS[task]),
    publish: (topic, eventPayload) => events!.publish({ topic, eventPayload }),
    stop: () => backend.stop(),
  };
  await result.trigger('catalogSync');
  return result;
}

/** An Alertmanager v4 webhook body. */
export function webhook(
  alerts: Array<{ status?: 'firing' | 'resolved'; labels: Record<string, string>; fingerprint: string; startsAt?: string; endsAt?: string }>,
  extra: Record<string, unknown> = {},
) {
  return {
    version: '4',
    groupKey: '{}:{alertname="HighErrorRate"}',
    truncatedAlerts: 0,
    status: alerts.some(a => (a.status ?? 'firing') === 'firing') ? 'firing' : 'resolved',
    receiver: 'portico',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.test:9093',
    alerts: alerts.map(a => ({
      status: a.status ?? 'firing',
      labels: a.labels,
      annotations: { summary: `${a.labels.alertname} is firing` },
      startsAt: a.startsAt ?? '2026-12-01T08:55:00Z',
      endsAt: a.endsAt ?? '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.test:9090/graph',
      fingerprint: a.fingerprint,
    })),
    ...extra,
  };
}
