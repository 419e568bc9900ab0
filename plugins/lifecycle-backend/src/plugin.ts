import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { lifecyclePermissions } from '@portico/plugin-lifecycle-common';
import {
  porticoPluginDeps,
  scheduleGlobalTask,
  startPorticoPlugin,
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
      deps: porticoPluginDeps,
      async init(deps) {
        const { config, logger, scheduler, auditor } = deps;
        const settings = readLifecycleSettings(config);
        const offsetClock = settings.testClock ? new OffsetClock() : undefined;
        const clock: Clock = offsetClock ?? systemClock;
        if (offsetClock) logger.warn('lifecycle.testHooks.clock is on: POST /testing/clock moves time (tests only)');

        const { knex, db, events, notices } = await startPorticoPlugin(deps, {
          permissions: lifecyclePermissions,
          openDatabase: options => KnexLifecycleDatabase.create(options),
          noticesTaskId: LIFECYCLE_TASKS.notices,
        });
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

        await scheduleGlobalTask(scheduler, {
          id: LIFECYCLE_TASKS.sync,
          frequency: { seconds: settings.syncIntervalSeconds },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 5 },
          fn: () => sync.runOnce(),
        });
        await scheduleGlobalTask(scheduler, {
          id: LIFECYCLE_TASKS.run,
          frequency: { seconds: settings.runIntervalSeconds },
          timeout: { minutes: 10 },
          fn: () => runner.runOnce(),
        });
      },
    });
  },
});
