import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuditorServiceCreateEventOptions,
  coreServices,
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';

/** `Authorization` header of the signed-in demo user `user:default/<name>`. */
export function userAuth(name: string): string {
  return mockCredentials.user.header(`user:default/${name}`);
}

/**
 * The catalog's view of a demo org: one Group per group named in `groupsByUser` (with
 * `hasMember` relations, which is what ownership and team lookups read) and one User per user
 * (with an e-mail, which the service desk's intake resolves). `emptyGroups` adds groups nobody is in.
 */
export function demoOrgEntities(
  groupsByUser: Record<string, string[]>,
  options: { emptyGroups?: string[] } = {},
): Entity[] {
  const groupNames = [
    ...new Set([...Object.values(groupsByUser).flat(), ...(options.emptyGroups ?? [])]),
  ].sort();
  const groups: Entity[] = groupNames.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: Object.entries(groupsByUser)
      .filter(([, memberOf]) => memberOf.includes(name))
      .map(([member]) => ({ type: 'hasMember', targetRef: member })),
  }));
  const users: Entity[] = Object.entries(groupsByUser).map(([ref, memberOf]) => {
    const name = ref.split('/')[1];
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name, namespace: 'default' },
      spec: {
        profile: {
          email: `${name}@portico.example`,
          displayName: name[0].toUpperCase() + name.slice(1),
        },
        memberOf,
      },
      relations: memberOf.map(group => ({
        type: 'memberOf',
        targetRef: `group:default/${group}`,
      })),
    };
  });
  return [...groups, ...users];
}

/** A clock the tests move by hand, for SLAs, TTLs, timeouts and back-off. */
export class FakeClock {
  constructor(public current = Date.parse('2026-11-02T09:00:00Z')) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** An auditor that keeps every event it is given, for tests that check what was audited. */
export function recordingAuditor(): {
  factory: ServiceFactory;
  audits: AuditorServiceCreateEventOptions[];
} {
  const audits: AuditorServiceCreateEventOptions[] = [];
  const factory = createServiceFactory({
    service: coreServices.auditor,
    deps: {},
    factory: () => ({
      async createEvent(event: AuditorServiceCreateEventOptions) {
        audits.push(event);
        return { success: async () => {}, fail: async () => {} };
      },
    }),
  });
  return { factory, audits };
}

/** A notification service that keeps what it is asked to send. */
export function recordingNotifications(): {
  factory: ServiceFactory;
  sent: NotificationSendOptions[];
} {
  const sent: NotificationSendOptions[] = [];
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (notification: NotificationSendOptions) => {
        sent.push(notification);
      },
    }),
  });
  return { factory, sent };
}

/**
 * A scheduler whose tasks run only when a test triggers them, so that relays, followers and
 * sweeps run at the moment the test chooses.
 */
export function manualScheduler(): SchedulerService & {
  factory(): ServiceFactory;
  triggerTask(id: string): Promise<void>;
} {
  return mockServices.scheduler() as unknown as SchedulerService & {
    factory(): ServiceFactory;
    triggerTask(id: string): Promise<void>;
  };
}
