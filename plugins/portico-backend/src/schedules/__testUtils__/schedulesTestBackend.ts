import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  BackendFeature,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import {
  manualScheduler,
  recordingNotifications,
} from '@portico/portico-test-utils';
import { porticoPlugin } from '../../plugin';
import { adminOnlyPermissions } from '../../__testUtils__/eventsTestBackend';
import { policyShapedCatalog, templatesAndOrg } from './schedulesHarness';

/**
 * The portal's backend as the schedules API tests want it: portal admins only, a scheduler the
 * test ticks, recorded notifications and the templates-and-org catalog. `config` is the root
 * config (where the database is), `features` what a test adds (its own database).
 */
export async function startSchedulesTestBackend(
  options: { config?: JsonObject; features?: BackendFeature[] } = {},
) {
  const scheduler = manualScheduler();
  const notifications = recordingNotifications();
  const catalog = policyShapedCatalog(templatesAndOrg());
  const backend = await startTestBackend({
    features: [
      porticoPlugin,
      adminOnlyPermissions,
      scheduler.factory(),
      notifications.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      ...(options.features ?? []),
    ],
  });
  const { port } = backend.server.address() as { port: number };
  return {
    backend,
    server: backend.server,
    scheduler,
    notifications,
    /** Where the plugin finds the scaffolder: a FakeScaffolder's handlers go there. */
    scaffolderUrl: `http://localhost:${port}/api/scaffolder`,
    stop: () => backend.stop(),
  };
}
