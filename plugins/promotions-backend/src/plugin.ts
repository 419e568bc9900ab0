import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { promotionsPermissions } from '@portico/plugin-promotions-common';
import {
  porticoPluginDeps,
  scheduleGlobalTask,
  startPorticoPlugin,
} from '@portico/portico-node';
import { readPromotionSettings } from './config';
import { KnexPromotionDatabase } from './database/KnexPromotionDatabase';
import { createRouter } from './router';
import { PromotionsAccess } from './service/access';
import { AttemptVerifier } from './service/AttemptVerifier';
import { DeploymentFollower } from './service/DeploymentFollower';
import { externalExecutor } from './service/executors/DeploymentExecutor';
import { ScaffolderExecutor } from './service/executors/ScaffolderExecutor';
import {
  EvidenceGate,
  promotionsEvidenceExtensionPoint,
} from '@portico/plugin-promotions-node';
import { EvidenceService } from './service/gates/EvidenceService';
import { notAlreadyDeployedGate } from './service/gates/notAlreadyDeployedGate';
import { startPromotionNotifier } from './service/notifications/promotionNotifications';
import { createPromotionServices } from './service/promotionServices';

/** Task ids, for operators (and tests that trigger them). */
export const PROMOTIONS_TASKS = {
  follower: 'promotions-deployment-follower',
  notices: 'promotions-notices',
} as const;

/**
 * Promotions backend: requests to promote a component version to the next environment,
 * approved by an approver of the tenant who is not the requester, then deployed by the
 * built-in scaffolder executor or an external one that calls back.
 *
 * @public
 */
export const promotionsPlugin = createBackendPlugin({
  pluginId: 'promotions',
  register(env) {
    const gates: EvidenceGate[] = [];
    env.registerExtensionPoint(promotionsEvidenceExtensionPoint, {
      addGate(...added) {
        gates.push(...added);
      },
    });

    env.registerInit({
      deps: porticoPluginDeps,
      async init(deps) {
        const { config, logger, scheduler, auditor } = deps;
        const settings = readPromotionSettings(config);
        const { knex, db, events, notices } = await startPorticoPlugin(deps, {
          permissions: promotionsPermissions,
          openDatabase: options => KnexPromotionDatabase.create(options),
          noticesTaskId: PROMOTIONS_TASKS.notices,
          noticesIntervalSeconds: settings.followIntervalSeconds,
        });

        const evidence = new EvidenceService(
          [notAlreadyDeployedGate(db.requests), ...gates],
          settings.gates,
          logger,
        );
        const promotions = createPromotionServices({
          db,
          events,
          catalog: deps.catalog,
          evidence,
          auditor,
          logger,
          settings,
        });
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            access: new PromotionsAccess(deps.permissions, deps.userInfo),
            promotions,
            verifier: new AttemptVerifier({ db, auditor }),
          }),
        );

        await startPromotionNotifier({
          database: knex,
          events: deps.events,
          scheduler,
          logger,
          queue: notices,
        });

        const follower = new DeploymentFollower({
          db,
          windows: promotions.windows,
          progress: promotions.progress,
          settings,
          logger,
          executors: {
            scaffolder: new ScaffolderExecutor({
              discovery: deps.discovery,
              auth: deps.auth,
              appBaseUrl: config.getOptionalString('app.baseUrl'),
            }),
            external: externalExecutor,
          },
        });
        await scheduleGlobalTask(scheduler, {
          id: PROMOTIONS_TASKS.follower,
          frequency: { seconds: settings.followIntervalSeconds },
          // After a crash the scheduler keeps the dead run's lock until this timeout: short, so
          // that deployments move on within a minute (the start claim guards overlapping runs).
          timeout: { minutes: 1 },
          fn: () => follower.runOnce(),
        });
      },
    });
  },
});
