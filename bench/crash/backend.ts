/*
 * The backend of bench/crash.ts: the plugins its writes go through (apim, promotions with the
 * scaffolder that deploys, the service desk with the scaffolder that runs automations) as
 * packages/backend wires them, plus a recorder of every event the relays deliver. Started,
 * killed with SIGKILL and started again by the bench. bench/soak.ts also reads security findings
 * and monitoring alerts: with PORTICO_BENCH_SECURITY_MONITORING=1 those two plugins start too.
 */
import { createBackend } from '@backstage/backend-defaults';
import { porticoRootHttpRouterServiceFactory } from '@portico/portico-node';

const backend = createBackend();
backend.add(porticoRootHttpRouterServiceFactory);
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@portico/plugin-auth-backend-module-demo-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@portico/plugin-catalog-backend-module-portico'));
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@portico/plugin-permission-backend-module-portico'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@portico/plugin-portico-backend'));
backend.add(import('@portico/plugin-apim-backend'));
backend.add(import('@portico/plugin-promotions-backend'));
backend.add(import('@portico/plugin-servicedesk-backend'));
backend.add(import('@portico/plugin-scaffolder-backend-module-portico'));
backend.add(import('./recorder'));
if (process.env.PORTICO_BENCH_SECURITY_MONITORING === '1') {
  backend.add(import('@portico/plugin-security-backend'));
  backend.add(import('@portico/plugin-monitoring-backend'));
}
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
