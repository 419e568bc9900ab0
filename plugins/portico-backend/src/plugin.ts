import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { porticoPermissions } from '@portico/plugin-portico-common';
import { NotificationOutbox, outboxRegistryServiceRef, readKafkaSettings } from '@portico/portico-node';
import { createRouter } from './router';
import { PorticoEventsQueryService } from './service/EventsService';
import {
  createSchedulesRouter,
  KnexScheduleDatabase,
  readScheduleSettings,
  ScaffolderTasks,
  ScheduleRunner,
  ScheduleService,
  seedExampleSchedules,
  TemplateGate,
} from './schedules';

/** Task ids, for operators (and tests that trigger them). */
export const PORTICO_TASKS = {
  schedules: 'portico-schedules-tick',
  notices: 'portico-schedules-notifications',
} as const;

/**
 * Portico's own backend: the events page API over every plugin's outbox, and scheduled
 * template runs.
 *
 * @public
 */
export const porticoPlugin = createBackendPlugin({
  pluginId: 'portico',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        outboxRegistry: outboxRegistryServiceRef,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, httpAuth, httpRouter, permissions, logger, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(porticoPermissions);
        const targets = readKafkaSettings(config) ? (['events', 'kafka'] as const) : (['events'] as const);
        const events = new PorticoEventsQueryService(deps.outboxRegistry, [...targets]);
        httpRouter.use(createRouter({ httpAuth, permissions, events }));

        const settings = readScheduleSettings(config);
        const knex = await deps.database.getClient();
        const db = await KnexScheduleDatabase.create({ knex, skipMigrations: deps.database.migrations?.skip });
        const clock = { now: () => Date.now() };
        await seedExampleSchedules(db, settings, clock.now());
        const gate = new TemplateGate({ catalog: deps.catalog, auth: deps.auth });
        const notices = new NotificationOutbox({ knex, notifications: deps.notifications, logger });
        const runner = new ScheduleRunner({
          db,
          gate,
          tasks: new ScaffolderTasks({ discovery: deps.discovery, auth: deps.auth }),
          notices,
          auditor: deps.auditor,
          logger,
          clock,
        });
        const schedules = new ScheduleService({ db, gate, runner, auditor: deps.auditor, clock });
        httpRouter.use(createSchedulesRouter({ httpAuth, permissions, schedules }));

        await scheduler.scheduleTask({
          id: PORTICO_TASKS.schedules,
          frequency: { seconds: settings.tickSeconds },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          scope: 'global',
          fn: async () => {
            await runner.tick();
          },
        });
        await notices.schedule({ scheduler, id: PORTICO_TASKS.notices });
      },
    });
  },
});
