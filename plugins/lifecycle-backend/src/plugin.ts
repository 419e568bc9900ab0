import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { lifecyclePermissions } from '@portico/plugin-lifecycle-common';
import {
  createPorticoEvents,
  NotificationOutbox,
  porticoEventsDeps,
} from '@portico/portico-node';
import { readLifecycleSettings } from './config';
import { KnexExecutionStore } from './database/ExecutionStore';
import { KnexLifecycleDatabase } from './database/KnexLifecycleDatabase';
import { createRouter } from './router';
import { LifecycleAccess } from './service/access';
import { Clock, OffsetClock, systemClock } from './service/clock';
import { ExecutionVerifier } from './service/executions/ExecutionVerifier';
import { ScaffolderResourceExecutor } from './service/executors/ScaffolderResourceExecutor';
import { LifecycleRunner } from './service/LifecycleRunner';
import { LifecycleService } from './service/LifecycleService';
import { ResourceSync } from './service/ResourceSync';

/** Task ids, for operators (and tests that trigger them). */
export const LIFECYCLE_TASKS = {
  sync: 'lifecycle-resource-sync',
  run: 'lifecycle-notices-and-teardowns',
  notices: 'lifecycle-notifications',
} as const;

/**
 * Resource lifecycle: mandatory tags, TTL, notices 48 h and 24 h before expiry, teardown at
 * expiry through the resource type's template, extensions by owners, all on a timeline.
 *
 * @public
 */
export const lifecyclePlugin = createBackendPlugin({
  pluginId: 'lifecycle',
  register(env) {
    env.registerInit({
      deps: {
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
      },
      async init(deps) {
        const { config, logger, scheduler, auditor } = deps;
        deps.permissionsRegistry.addPermissions(lifecyclePermissions);
        const settings = readLifecycleSettings(config);
        const offsetClock = settings.testClock ? new OffsetClock() : undefined;
        const clock: Clock = offsetClock ?? systemClock;
        if (offsetClock) logger.warn('lifecycle.testHooks.clock is on: POST /testing/clock moves time (tests only)');

        const knex = await deps.database.getClient();
        const db = await KnexLifecycleDatabase.create({ knex, skipMigrations: deps.database.migrations?.skip });
        const events = await createPorticoEvents({
          database: knex,
          config,
          logger,
          scheduler,
          lifecycle: deps.lifecycle,
          auditor,
          pluginMetadata: deps.pluginMetadata,
          events: deps.events,
          outboxRegistry: deps.outboxRegistry,
        });
        const notices = new NotificationOutbox({ knex, notifications: deps.notifications, logger });
        const executions = new KnexExecutionStore(knex);
        const executor = new ScaffolderResourceExecutor({
          discovery: deps.discovery,
          auth: deps.auth,
          templates: settings.templates,
          executions,
          clock,
        });
        const sync = new ResourceSync({ db, catalog: deps.catalog, auth: deps.auth, events, clock, logger });
        const runner = new LifecycleRunner({ db, events, notices, executor, auditor, clock, logger });
        const lifecycle = new LifecycleService({ db, events, executor, auditor, clock });

        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            access: new LifecycleAccess(deps.permissions, deps.userInfo),
            lifecycle,
            executions: new ExecutionVerifier({ executions, auditor, clock }),
            testClock: offsetClock && {
              async advance(ms: number) {
                offsetClock.advance(ms);
                await sync.runOnce();
                const result = await runner.runOnce();
                return { now: new Date(clock.now()).toISOString(), ...result };
              },
            },
          }),
        );

        await scheduler.scheduleTask({
          id: LIFECYCLE_TASKS.sync,
          frequency: { seconds: settings.syncIntervalSeconds },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 5 },
          scope: 'global',
          fn: async () => {
            await sync.runOnce();
          },
        });
        await scheduler.scheduleTask({
          id: LIFECYCLE_TASKS.run,
          frequency: { seconds: settings.runIntervalSeconds },
          timeout: { minutes: 10 },
          scope: 'global',
          fn: async () => {
            await runner.runOnce();
          },
        });
        await notices.schedule({ scheduler, id: LIFECYCLE_TASKS.notices });
      },
    });
  },
});
