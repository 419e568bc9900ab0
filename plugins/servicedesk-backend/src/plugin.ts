import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { servicedeskPermissions } from '@portico/plugin-servicedesk-common';
import { NamedServiceCallers, porticoPluginDeps, scheduleGlobalTask, startPorticoPlugin } from '@portico/portico-node';
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
import { createRequestServices } from './service/requests/RequestServices';
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
      deps: porticoPluginDeps,
      async init(deps) {
        const { config, logger, scheduler, httpRouter, httpAuth, auth, auditor } = deps;

        const { knex, db, events } = await startPorticoPlugin(deps, {
          permissions: servicedeskPermissions,
          openDatabase: o => KnexServicedeskDatabase.create(o),
        });

        const clock = options.clock ?? systemClock;
        const forms = new FormValidator();
        const directory = new CatalogTeamDirectory(deps.catalog, auth);
        const notifier = new Notifier(deps.notifications, logger);
        const gateway: ScaffolderGateway = new HttpScaffolderGateway(deps.discovery, auth);
        const automation = new AutomationService({ db, events, gateway, notifier, logger, clock });
        const requests = createRequestServices({ permissions: deps.permissions, db, events, forms, directory, notifier, automation, clock });
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
        await scheduleGlobalTask(scheduler, {
          id: SERVICEDESK_TASKS.followAutomation,
          frequency: { seconds: followSeconds },
          // After a crash the scheduler keeps the dead run's lock until this timeout: short, so
          // that automations are followed again within a minute (an action ends once).
          timeout: { minutes: 1 },
          fn: () => automation.followRunning(),
        });
        await scheduleGlobalTask(scheduler, {
          id: SERVICEDESK_TASKS.slaMonitor,
          frequency: { minutes: 1 },
          fn: () => monitor.run(),
        });
      },
    });
  },
});
}

/** @public */
export const servicedeskPlugin = createServicedeskPlugin();
