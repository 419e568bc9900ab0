import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { servicedeskPermissions } from '@portico/plugin-servicedesk-common';
import { createPorticoEvents, NamedServiceCallers, porticoEventsDeps } from '@portico/portico-node';
import { KnexServicedeskDatabase } from './database/KnexServicedeskDatabase';
import { KnexOneTimeSecretStore } from './database/KnexOneTimeSecretStore';
import { OneTimeSecretService } from './service/OneTimeSecretService';
import { createRouter } from './router';
import { AutomationVerifier } from './service/AutomationVerifier';
import { AccessService } from './service/AccessService';
import { AutomationService } from './service/AutomationService';
import { Clock, systemClock } from './service/clock';
import { FormValidator } from './service/FormValidator';
import { Notifier } from './service/Notifier';
import { ReportService } from './service/ReportService';
import { RequestService } from './service/RequestService';
import { HttpScaffolderGateway, ScaffolderGateway } from './service/ScaffolderGateway';
import { ServiceCatalogService } from './service/ServiceCatalogService';
import { SlaMonitor } from './service/SlaMonitor';
import { integrationReadiness } from './service/integrationReadiness';
import { CatalogTeamDirectory } from './service/TeamDirectory';

/** Task ids, for operators (and tests that trigger them). */
export const SERVICEDESK_TASKS = {
  followAutomation: 'servicedesk-follow-automation',
  slaMonitor: 'servicedesk-sla-monitor',
} as const;

/**
 * Service desk backend: the service catalog, requests with SLA clocks, round-robin
 * assignment, and automatic fulfilment through the scaffolder. `clock` is for tests.
 */
export function createServicedeskPlugin(options: { clock?: Clock } = {}) {
  return createBackendPlugin({
  pluginId: 'servicedesk',
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
        const { config, logger, scheduler, httpRouter, httpAuth, auth, auditor } = deps;
        deps.permissionsRegistry.addPermissions(servicedeskPermissions);

        const knex = await deps.database.getClient();
        const db = await KnexServicedeskDatabase.create({ knex, skipMigrations: deps.database.migrations?.skip });
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

        const clock = options.clock ?? systemClock;
        const forms = new FormValidator();
        const directory = new CatalogTeamDirectory(deps.catalog, auth);
        const notifier = new Notifier(deps.notifications, logger);
        const gateway: ScaffolderGateway = new HttpScaffolderGateway(deps.discovery, auth);
        const automation = new AutomationService({ db, events, gateway, notifier, logger, clock });
        const requests = new RequestService({ permissions: deps.permissions, db, events, forms, directory, notifier, automation, clock });
        const catalogService = new ServiceCatalogService({
          db,
          forms,
          directory,
          clock,
          integrations: integrationReadiness(config),
        });
        const reports = new ReportService({ db, clock });
        const monitor = new SlaMonitor({ db, events, notifier, logger, clock });

        httpRouter.use(
          createRouter({
            httpAuth,
            auditor,
            access: new AccessService(deps.permissions, deps.userInfo, auth),
            intake: NamedServiceCallers.fromConfig(config, 'servicedesk.intake.allowedSubjects', { auditor }),
            verifier: new AutomationVerifier({ db, auditor }),
            catalogService,
            requests,
            reports,
            directory,
            secrets: new OneTimeSecretService({
              db,
              secrets: new KnexOneTimeSecretStore(knex),
              clock,
              encryptionKey: config.getOptionalString('servicedesk.secrets.encryptionKey'),
            }),
          }),
        );

        const followSeconds = config.getOptionalNumber('servicedesk.automation.pollIntervalSeconds') ?? 5;
        await scheduler.scheduleTask({
          id: SERVICEDESK_TASKS.followAutomation,
          frequency: { seconds: followSeconds },
          // After a crash the scheduler keeps the dead run's lock until this timeout: short, so
          // that automations are followed again within a minute (an action ends once).
          timeout: { minutes: 1 },
          scope: 'global',
          fn: () => automation.followRunning(),
        });
        await scheduler.scheduleTask({
          id: SERVICEDESK_TASKS.slaMonitor,
          frequency: { minutes: 1 },
          timeout: { minutes: 5 },
          scope: 'global',
          fn: async () => {
            await monitor.run();
          },
        });
      },
    });
  },
});
}

/** @public */
export const servicedeskPlugin = createServicedeskPlugin();
