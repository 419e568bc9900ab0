import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { monitoringPermissions } from '@portico/plugin-monitoring-common';
import {
  OutboundAddressPolicy,
  porticoPluginDeps,
  scheduleGlobalTask,
  startPorticoPlugin,
  subscribeToPorticoEvents,
} from '@portico/portico-node';
import { KnexMonitoringDatabase } from './database/KnexMonitoringDatabase';
import { KnexComponentStore } from './database/KnexComponentStore';
import { KnexDeploymentStore, KnexSilenceWindowStore } from './database/KnexWindowAndDeploymentStores';
import { PromotionSilences, readPromotionSilenceSettings } from './service/PromotionSilences';
import { createSilenceWindowsRouter } from './router/silenceWindowsRouter';
import { recordDeployment } from './service/DeploymentMarkers';
import { SilenceWindowService } from './service/SilenceWindowService';
import { createRouter } from './router';
import { createMetricsRouter } from './router/metricsRouter';
import { GateService } from './service/GateService';
import { HealthProber } from './service/HealthProber';
import { MetricsService } from './service/MetricsService';
import { PrometheusClient } from './service/PrometheusClient';
import { createAccessService } from './service/AccessService';
import { AckService } from './service/AckService';
import { AlertmanagerClient } from './service/AlertmanagerClient';
import { AlertQueryService } from './service/AlertQueryService';
import { AlertRouting } from './service/AlertRouting';
import { CatalogSync } from './service/CatalogSync';
import { Clock, systemClock } from './service/clock';
import { ComponentResolver } from './service/ComponentResolver';
import { IngestService } from './service/IngestService';
import { readMonitoringSettings } from './service/settings';
import { SilencedResolveReconciler } from './service/SilencedResolveReconciler';

/** Task ids, for operators (and tests that trigger them). */
export const MONITORING_TASKS = {
  catalogSync: 'monitoring-catalog-sync',
  ackExpiry: 'monitoring-ack-expiry',
  notices: 'monitoring-notices',
  healthChecks: 'monitoring-health-checks',
  silencedResolves: 'monitoring-silenced-resolves',
} as const;

/**
 * Monitoring backend: Alertmanager and Grafana webhooks, alerts per component, acknowledgement
 * with Alertmanager silences, routing by severity. `clock` is for tests.
 */
export function createMonitoringPlugin(options: { clock?: Clock } = {}) {
  return createBackendPlugin({
    pluginId: 'monitoring',
    register(env) {
      env.registerInit({
        deps: porticoPluginDeps,
        async init(deps) {
          const { config, logger, scheduler, httpRouter, auditor } = deps;
          const settings = readMonitoringSettings(config);
          const clock = options.clock ?? systemClock;

          const { knex, db, events, notices } = await startPorticoPlugin(deps, {
            permissions: monitoringPermissions,
            openDatabase: o => KnexMonitoringDatabase.create(o),
            noticesTaskId: MONITORING_TASKS.notices,
            clock: () => clock.now(),
          });
          const resolver = new ComponentResolver({ labels: settings.componentLabels, now: () => clock.now() });
          const routing = new AlertRouting({
            outbox: notices,
            repeatIntervalMs: settings.repeatIntervalMs,
            fallbackTeam: settings.fallbackTeam,
          });
          const silences = settings.alertmanager.baseUrl ? new AlertmanagerClient(settings.alertmanager.baseUrl) : undefined;
          const acks = new AckService({ db, events, silences, clock, logger });
          const ingest = new IngestService({
            db,
            events,
            resolver,
            routing,
            clock,
            logger,
            onSilencesEnded: () => void acks.deleteEndedSilences().catch(() => undefined),
          });
          const queries = new AlertQueryService({ db, clock });
          const sync = new CatalogSync({
            db,
            catalog: deps.catalog,
            auth: deps.auth,
            logger,
            onChange: () => {
              resolver.invalidate();
              ingest.remapUnmapped().catch(error => logger.warn(`Could not map alerts to components: ${error}`));
            },
          });

          const metrics = new MetricsService({
            db,
            clock,
            prometheus: settings.prometheus.baseUrl ? new PrometheusClient(settings.prometheus.baseUrl) : undefined,
          });
          const prober = new HealthProber({
            db,
            policy: OutboundAddressPolicy.fromConfig(config, 'monitoring.health.privateTargets'),
            ingest,
            clock,
            logger,
            ...settings.health,
          });
          const access = createAccessService({ permissions: deps.permissions, userInfo: deps.userInfo, auth: deps.auth });

          const windows = new SilenceWindowService({
            db,
            silences,
            componentLabels: settings.componentLabels,
            clock,
            logger,
          });

          httpRouter.addAuthPolicy({ path: '/alertmanager', allow: 'unauthenticated' });
          httpRouter.addAuthPolicy({ path: '/grafana', allow: 'unauthenticated' });
          httpRouter.use(
            createRouter({
              httpAuth: deps.httpAuth,
              auditor,
              access,
              settings,
              ingest,
              acks,
              queries,
            }),
          );
          httpRouter.use(
            createMetricsRouter({
              httpAuth: deps.httpAuth,
              access,
              metrics,
              health: prober,
              gate: new GateService({ db, metrics }),
            }),
          );

          httpRouter.use(createSilenceWindowsRouter({ httpAuth: deps.httpAuth, auditor, access, windows }));

          // Deploy markers on the RED charts: the promotions plugin's deployment outcomes.
          await subscribeToPorticoEvents({
            consumer: 'monitoring:deployments',
            topics: ['promotion-requests'],
            database: knex,
            events: deps.events,
            scheduler,
            logger,
            onEvent: async (event, trx) => {
              await recordDeployment(event, trx, t => new KnexDeploymentStore(t));
            },
          });

          // Maintenance silences over an approved promotion's change window and over each retried
          // deployment (deploy-requests), ended by the attempt's outcome.
          // Its own consumer: an Alertmanager error retries this and nothing else.
          const promotionSilences = new PromotionSilences({
            windows,
            settings: readPromotionSilenceSettings(config),
            clock,
            logger,
          });
          await subscribeToPorticoEvents({
            consumer: 'monitoring:promotion-silences',
            topics: ['promotion-requests', 'deploy-requests'],
            database: knex,
            events: deps.events,
            scheduler,
            logger,
            onEvent: (event, trx) =>
              promotionSilences.handle(event, { windows: new KnexSilenceWindowStore(trx), components: new KnexComponentStore(trx) }),
          });

          await scheduleGlobalTask(scheduler, {
            id: MONITORING_TASKS.catalogSync,
            frequency: { seconds: config.getOptionalNumber('monitoring.catalogSync.intervalSeconds') ?? 60 },
            timeout: { minutes: 10 },
            initialDelay: { seconds: 5 },
            fn: () => sync.run(),
          });
          await scheduleGlobalTask(scheduler, {
            id: MONITORING_TASKS.ackExpiry,
            frequency: { seconds: 30 },
            timeout: { minutes: 5 },
            fn: () => acks.expire(),
          });
          await scheduleGlobalTask(scheduler, {
            id: MONITORING_TASKS.healthChecks,
            frequency: { seconds: settings.health.intervalSeconds },
            timeout: { minutes: 5 },
            fn: () => prober.run(),
          });
          if (silences) {
            const reconciler = new SilencedResolveReconciler({ db, alertmanager: silences, ingest, clock, logger });
            await scheduleGlobalTask(scheduler, {
              id: MONITORING_TASKS.silencedResolves,
              frequency: { seconds: config.getOptionalNumber('monitoring.alertmanager.reconcileSeconds') ?? 30 },
              timeout: { minutes: 2 },
              fn: () => reconciler.run(),
            });
          }
        },
      });
    },
  });
}

/** @public */
export const monitoringPlugin = createMonitoringPlugin();
