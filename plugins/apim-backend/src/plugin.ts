import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { apimPermissions } from '@portico/plugin-apim-common';
import {
  NamedServiceCallers,
  porticoPluginDeps,
  scheduleGlobalTask,
  startPorticoPlugin,
} from '@portico/portico-node';
import { readDefinitionLimits, readKeySettings } from './config';
import { KnexApimDatabase } from './database/KnexApimDatabase';
import { createRouter } from './router';
import { createTryItRouter } from './router/tryItRouter';
import { gatewayRouter } from './router/gatewayRouter';
import { GatewayService } from './service/gateway/GatewayService';
import { QuotaNotices } from './service/gateway/QuotaNotices';
import { AccessService } from './service/access/AccessService';
import { ApiChangeDetector } from './service/apis/ApiChangeDetector';
import { ApiService } from './service/apis/ApiService';
import { DefinitionCache } from './service/apis/DefinitionCache';
import { ApplicationService } from './service/applications/ApplicationService';
import { ConsoleKeyService } from './service/keys/ConsoleKeyService';
import { KeyService } from './service/keys/KeyService';
import { startSubscriptionNotifier } from './service/notifications/subscriptionNotifications';
import { SubscriptionService } from './service/subscriptions/SubscriptionService';
import { TryItAccessService } from './service/subscriptions/TryItAccessService';

/** Task ids, for operators (and tests that trigger them). */
export const APIM_TASKS = {
  apiChanges: 'apim-api-changes',
  expiryNotices: 'apim-key-expiry-notices',
  keyUsage: 'apim-key-usage-flush',
  notifications: 'apim-notifications',
} as const;

/**
 * APIM backend: APIs from the catalog, applications, subscriptions, API keys, key
 * verification for gateways, Try-It and code samples.
 *
 * @public
 */
export const apimPlugin = createBackendPlugin({
  pluginId: 'apim',
  register(env) {
    env.registerInit({
      deps: porticoPluginDeps,
      async init(deps) {
        const {
          config,
          logger,
          scheduler,
          lifecycle,
          httpRouter,
          httpAuth,
          auth,
        } = deps;
        const { permissions, userInfo, catalog, notifications } = deps;

        const { knex, db, events, notices: outbox } = await startPorticoPlugin(deps, {
          permissions: apimPermissions,
          openDatabase: options => KnexApimDatabase.create(options),
          noticesTaskId: APIM_TASKS.notifications,
        });

        const definitions = new DefinitionCache(readDefinitionLimits(config));
        const access = new AccessService(permissions, userInfo);
        const apis = new ApiService({ catalog, db, definitions, permissions });
        const subscriptions = new SubscriptionService({ db, events, apis, auditor: deps.auditor });
        const consoleKeys = new ConsoleKeyService({ db });
        const applications = new ApplicationService({
          db,
          events,
          catalog,
          subscriptions,
          caches: [consoleKeys],
        });
        const keys = new KeyService({
          db,
          events,
          applications,
          notifications,
          logger,
          settings: readKeySettings(config),
        });

        httpRouter.use(
          createRouter({
            httpAuth,
            access,
            apis,
            applications,
            subscriptions,
            keys,
            verifyCallers: NamedServiceCallers.fromConfig(config, 'apim.verify.allowedSubjects', {
              auditor: deps.auditor,
            }),
          }),
        );
        httpRouter.use(
          createTryItRouter({
            httpAuth,
            permissions,
            catalog,
            config,
            logger,
            consoleKeys,
            access: new TryItAccessService({
              access,
              applications,
              subscriptions,
            }),
            definitionCache: definitions,
          }),
        );

        httpRouter.use(
          gatewayRouter({
            httpAuth,
            access,
            applications,
            apis,
            gateway: new GatewayService({
              knex,
              db,
              keys,
              quotaNotices: new QuotaNotices({ events, notices: outbox }),
            }),
            gateways: NamedServiceCallers.fromConfig(config, 'apim.gateway.allowedSubjects', {
              auditor: deps.auditor,
            }),
          }),
        );

        await startSubscriptionNotifier({
          database: knex,
          events: deps.events,
          scheduler,
          logger,
          outbox,
        });

        const detector = new ApiChangeDetector({
          catalog,
          auth,
          db,
          events,
          definitions,
          logger,
        });
        await scheduleGlobalTask(scheduler, {
          id: APIM_TASKS.apiChanges,
          // An unchanged catalog costs one etag page read per 100 APIs, so a short interval is cheap.
          frequency: { seconds: config.getOptionalNumber('apim.projection.syncIntervalSeconds') ?? 60 },
          timeout: { minutes: 5 },
          fn: () => detector.run(),
        });
        await scheduleGlobalTask(scheduler, {
          id: APIM_TASKS.expiryNotices,
          frequency: { cron: '0 7 * * *' },
          timeout: { minutes: 15 },
          fn: () => keys.sendExpiryNotices(),
        });
        // Each instance writes the last use of the keys it verified.
        await scheduler.scheduleTask({
          id: APIM_TASKS.keyUsage,
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          scope: 'local',
          fn: async () => {
            await keys.flushUsage();
          },
        });
        lifecycle.addShutdownHook(async () => {
          await keys.flushUsage();
        });
      },
    });
  },
});
