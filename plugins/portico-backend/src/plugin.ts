import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { porticoPermissions } from '@portico/plugin-portico-common';
import {
  porticoPluginDeps,
  readKafkaSettings,
  scheduleGlobalTask,
  startPorticoPlugin,
} from '@portico/portico-node';
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
      deps: porticoPluginDeps,
      async init(deps) {
        const { config, httpAuth, httpRouter, permissions, logger, auditor } =
          deps;
        // The events page reads the other plugins' outboxes; the portal publishes no events of
        // its own, so it has no outbox.
        const { db, notices } = await startPorticoPlugin(deps, {
          permissions: porticoPermissions,
          openDatabase: options => KnexScheduleDatabase.create(options),
          noticesTaskId: PORTICO_TASKS.notices,
          outbox: false,
        });

        const targets = readKafkaSettings(config)
          ? (['events', 'kafka'] as const)
          : (['events'] as const);
        const events = new PorticoEventsQueryService(deps.outboxRegistry, [
          ...targets,
        ]);
        httpRouter.use(createRouter({ httpAuth, permissions, events }));

        const settings = readScheduleSettings(config);
        const clock = { now: () => Date.now() };
        await seedExampleSchedules(db, settings, clock.now());
        const gate = new TemplateGate({
          catalog: deps.catalog,
          auth: deps.auth,
        });
        const runner = new ScheduleRunner({
          db,
          gate,
          tasks: new ScaffolderTasks({
            discovery: deps.discovery,
            auth: deps.auth,
          }),
          notices,
          auditor,
          logger,
          clock,
        });
        const schedules = new ScheduleService({
          db,
          gate,
          runner,
          auditor,
          clock,
        });
        httpRouter.use(
          createSchedulesRouter({ httpAuth, permissions, schedules }),
        );

        await scheduleGlobalTask(deps.scheduler, {
          id: PORTICO_TASKS.schedules,
          frequency: { seconds: settings.tickSeconds },
          initialDelay: { seconds: 10 },
          fn: () => runner.tick(),
        });
      },
    });
  },
});
