import { scheduleSqliteStatistics } from '../database/sqliteStatistics';
import {
  coreServices,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  ServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import type { Permission } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import {
  createPorticoEvents,
  porticoEventsDeps,
  PorticoEvents,
} from '../events/createPorticoEvents';
import { NotificationOutbox } from '../events/notify/notificationOutbox';

/**
 * The services every Portico backend plugin takes: its database, HTTP router and auth, the
 * permission framework, the catalog, notifications, and what the outbox relay needs.
 * `deps: { ...porticoPluginDeps, extra: ... }` in `registerInit`.
 */
export const porticoPluginDeps = {
  ...porticoEventsDeps,
  database: coreServices.database,
  httpRouter: coreServices.httpRouter,
  httpAuth: coreServices.httpAuth,
  auth: coreServices.auth,
  discovery: coreServices.discovery,
  permissions: coreServices.permissions,
  permissionsRegistry: coreServices.permissionsRegistry,
  userInfo: coreServices.userInfo,
  catalog: catalogServiceRef,
  notifications: notificationService,
};

type ServiceValues<T> = {
  [K in keyof T]: T[K] extends ServiceRef<infer V, any, any> ? V : never;
};

/** What `init` receives for `porticoPluginDeps`. */
export type PorticoPluginServices = ServiceValues<typeof porticoPluginDeps>;

/** What a Portico backend plugin starts from: its migrated database, outbox events and notices. */
export interface PorticoPluginRuntime<Db> {
  knex: Knex;
  db: Db;
  events: PorticoEvents;
  /** Notices queued inside a transaction and sent by a scheduled task outside it. */
  notices: NotificationOutbox;
}

/** How a Portico backend plugin starts. */
export interface PorticoPluginStartOptions<Db> {
  permissions: Permission[];
  openDatabase(options: { knex: Knex; skipMigrations?: boolean }): Promise<Db>;
  /** Scheduled task id for sending queued notices; without it, notices are not sent. */
  noticesTaskId?: string;
  /** How often queued notices are sent (default 5 s). */
  noticesIntervalSeconds?: number;
  /** The notification outbox's clock (tests move it). */
  clock?: () => number;
}

/**
 * The start every Portico backend plugin shares: registers its permissions, opens and migrates
 * its database, creates its outbox with the relay to Kafka and the in-process events, and the
 * notification outbox, whose sender is scheduled when `noticesTaskId` is given.
 *
 * `outbox: false` is for a plugin that publishes no domain events (the portal's own backend,
 * which reads the others' outboxes): it gets no outbox table, relay or entry on the events page.
 */
export async function startPorticoPlugin<Db>(
  services: PorticoPluginServices,
  options: PorticoPluginStartOptions<Db> & { outbox: false },
): Promise<Omit<PorticoPluginRuntime<Db>, 'events'>>;
export async function startPorticoPlugin<Db>(
  services: PorticoPluginServices,
  options: PorticoPluginStartOptions<Db> & { outbox?: true },
): Promise<PorticoPluginRuntime<Db>>;
export async function startPorticoPlugin<Db>(
  services: PorticoPluginServices,
  options: PorticoPluginStartOptions<Db> & { outbox?: boolean },
): Promise<
  Omit<PorticoPluginRuntime<Db>, 'events'> & { events?: PorticoEvents }
> {
  services.permissionsRegistry.addPermissions(options.permissions);
  const knex = await services.database.getClient();
  const db = await options.openDatabase({
    knex,
    skipMigrations: services.database.migrations?.skip,
  });
  const events =
    options.outbox === false
      ? undefined
      : await createPorticoEvents({
          database: knex,
          config: services.config,
          logger: services.logger,
          scheduler: services.scheduler,
          auditor: services.auditor,
          lifecycle: services.lifecycle,
          pluginMetadata: services.pluginMetadata,
          events: services.events,
          outboxRegistry: services.outboxRegistry,
        });
  const notices = new NotificationOutbox({
    knex,
    notifications: services.notifications,
    logger: services.logger,
    clock: options.clock,
  });
  await scheduleSqliteStatistics({
    knex,
    scheduler: services.scheduler,
    logger: services.logger,
    pluginId: services.pluginMetadata.getId(),
  });
  if (options.noticesTaskId) {
    await notices.schedule({
      scheduler: services.scheduler,
      id: options.noticesTaskId,
      seconds: options.noticesIntervalSeconds,
    });
  }
  return events ? { knex, db, events, notices } : { knex, db, notices };
}

/**
 * A periodic task that runs once across replicas (`scope: 'global'`), which is what every
 * Portico follower, sync and expiry job wants; the timeout defaults to five minutes.
 */
export async function scheduleGlobalTask(
  scheduler: SchedulerService,
  task: {
    id: string;
    frequency: SchedulerServiceTaskScheduleDefinition['frequency'];
    timeout?: SchedulerServiceTaskScheduleDefinition['timeout'];
    initialDelay?: SchedulerServiceTaskScheduleDefinition['initialDelay'];
    fn: () => Promise<unknown>;
  },
): Promise<void> {
  await scheduler.scheduleTask({
    id: task.id,
    frequency: task.frequency,
    timeout: task.timeout ?? { minutes: 5 },
    initialDelay: task.initialDelay,
    scope: 'global',
    fn: async () => {
      await task.fn();
    },
  });
}
