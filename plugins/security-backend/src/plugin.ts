import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { securityPermissions } from '@portico/plugin-security-common';
import {
  ApprovalRule,
  porticoPluginDeps,
  scheduleGlobalTask,
  startPorticoPlugin,
  subscribeToPorticoEvents,
} from '@portico/portico-node';
import { readSecuritySettings } from './config';
import {
  KnexSecurityDatabase,
  storesOn,
} from './database/KnexSecurityDatabase';
import { BulkTriageService } from './service/BulkTriageService';
import { FindingNotifier } from './service/FindingNotifier';
import { ReportService } from './service/ReportService';
import { createRouter } from './router';
import { createIsolationRouter } from './isolationRouter';
import { SecurityAccess } from './service/access';
import { CatalogSync } from './service/CatalogSync';
import { systemClock } from './service/clock';
import { FalcoService } from './service/FalcoService';
import { IncidentOpener } from './service/IncidentOpener';
import { IsolationRecorder } from './service/IsolationRecorder';
import { GateService } from './service/GateService';
import { IngestService } from './service/IngestService';
import { QueryService } from './service/QueryService';
import { TriageService } from './service/TriageService';
import { VulnerabilityTicketService } from './service/VulnerabilityTicketService';
import { RiskDecisionService } from './service/RiskDecisionService';
import { seedDemoReports } from './service/demoSeed';

/** Task ids, for operators (and tests that trigger them). */
export const SECURITY_TASKS = {
  catalogSync: 'security-catalog-sync',
  expiry: 'security-risk-expiry',
  notifications: 'security-notifications',
  weeklyReport: 'security-weekly-report',
} as const;

/**
 * Security findings: Trivy and SARIF reports and Falco events become findings per component,
 * triaged by owners and the security team, with risk acceptance approved by security.
 *
 * @public
 */
export const securityPlugin = createBackendPlugin({
  pluginId: 'security',
  register(env) {
    env.registerInit({
      deps: porticoPluginDeps,
      async init(deps) {
        const { config, logger, scheduler, auditor } = deps;
        const settings = readSecuritySettings(config);
        const clock = systemClock;

        const { knex, db, events, notices } = await startPorticoPlugin(deps, {
          permissions: securityPermissions,
          openDatabase: options => KnexSecurityDatabase.create(options),
          noticesTaskId: SECURITY_TASKS.notifications,
          clock: () => clock.now(),
        });

        const ingest = new IngestService({
          db,
          events,
          auditor,
          logger,
          settings,
          clock,
        });
        const rule = new ApprovalRule({ auditor });
        const reports = new ReportService({
          db,
          clock,
          events,
          outbox: notices,
          logger,
        });
        const queries = new QueryService({ db, settings, clock, rule });
        const triage = new TriageService({
          db,
          events,
          auditor,
          clock,
          queries,
        });
        const tickets = new VulnerabilityTicketService({
          db,
          events,
          auditor,
          clock,
          queries,
          discovery: deps.discovery,
          auth: deps.auth,
          storesOn,
          service: config.getOptionalString('security.tickets.service'),
          requesterEmail:
            config.getOptionalString('security.tickets.requesterEmail') ??
            config.getOptionalString('security.falco.incidentRequesterEmail'),
          autoFileSeverities: config.getOptionalStringArray(
            'security.tickets.autoFileSeverities',
          ),
        });
        deps.httpRouter.addAuthPolicy({
          path: '/falco',
          allow: 'unauthenticated',
        });
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            access: new SecurityAccess(deps.permissions, deps.userInfo),
            settings,
            ingest,
            falco: new FalcoService({ db, events, auditor, settings, clock }),
            queries,
            triage,
            risks: new RiskDecisionService({
              db,
              events,
              rule,
              clock,
              queries,
            }),
            gate: new GateService({ db, settings, clock }),
            bulk: new BulkTriageService({ db, events, auditor, clock }),
            reports,
            tickets,
          }),
        );

        // The isolation playbook reports its result (finding timeline and incident ticket).
        deps.httpRouter.use(
          createIsolationRouter({
            httpAuth: deps.httpAuth,
            access: new SecurityAccess(deps.permissions, deps.userInfo),
            isolations: new IsolationRecorder({
              db,
              auditor,
              discovery: deps.discovery,
              auth: deps.auth,
              clock,
            }),
          }),
        );

        if (config.getOptionalBoolean('security.demo.seedReports')) {
          await seedDemoReports(ingest, logger);
        }

        // Falco alerts of an incident priority open a service-desk ticket (one per runtime finding).
        const incidents = new IncidentOpener({
          discovery: deps.discovery,
          auth: deps.auth,
          logger,
          database: knex,
          requesterEmail: config.getOptionalString(
            'security.falco.incidentRequesterEmail',
          ),
        });
        await subscribeToPorticoEvents({
          consumer: 'security:incidents',
          topics: ['security-findings'],
          database: knex,
          events: deps.events,
          scheduler,
          logger,
          prepare: event => incidents.prepare(event),
          onEvent: (event, trx, ticketId) =>
            incidents.onEvent(event, trx, ticketId),
        });

        // New findings of security.tickets.autoFileSeverities get their (component, CVE) ticket.
        if (
          config.getOptionalStringArray('security.tickets.autoFileSeverities')
            ?.length
        ) {
          await subscribeToPorticoEvents({
            consumer: 'security:vulnerability-tickets',
            topics: ['security-findings'],
            database: knex,
            events: deps.events,
            scheduler,
            logger,
            prepare: event => tickets.prepareAuto(event),
            onEvent: (_event, trx, prepared) =>
              tickets.onAutoEvent(trx, prepared),
          });
        }

        // New findings and runtime alerts to the owner team, by severity (repeat-guarded).
        const notifier = new FindingNotifier({
          outbox: notices,
          repeatIntervalMs: settings.notifications.repeatIntervalMs,
          fallbackTeam: settings.notifications.fallbackTeam,
          clock,
          storesOn,
        });
        await subscribeToPorticoEvents({
          consumer: 'security:notifications',
          topics: ['security-findings'],
          database: knex,
          events: deps.events,
          scheduler,
          logger,
          onEvent: (event, trx) => notifier.onEvent(event, trx),
        });
        if (settings.weeklyReport.enabled) {
          await scheduleGlobalTask(scheduler, {
            id: SECURITY_TASKS.weeklyReport,
            frequency: { hours: 1 },
            initialDelay: { minutes: 1 },
            timeout: { minutes: 10 },
            fn: () => reports.sendWeekly(),
          });
        }

        const sync = new CatalogSync({
          catalog: deps.catalog,
          auth: deps.auth,
          db,
          logger,
          clock,
          settings,
        });
        await scheduleGlobalTask(scheduler, {
          id: SECURITY_TASKS.catalogSync,
          frequency: { seconds: settings.syncIntervalSeconds },
          initialDelay: { seconds: 5 },
          timeout: { minutes: 10 },
          fn: () => sync.run(),
        });
        await scheduleGlobalTask(scheduler, {
          id: SECURITY_TASKS.expiry,
          frequency: { minutes: settings.expiryIntervalMinutes },
          fn: async () => {
            const reopened = await triage.reopenExpired();
            if (reopened)
              logger.info(
                `Security: ${reopened} expired risk acceptances reopened`,
              );
          },
        });
      },
    });
  },
});
