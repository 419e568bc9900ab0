/*
 * The backend of bench/scale.ts: Portico's real plugins as packages/backend wires them (minus
 * the app, search, e-mail/Slack, the promotion gates and lifecycle, which the measured
 * endpoints do not use), plus the bench's catalog fixture of API entities. Started as a child
 * process with the bench's config (which leaves Prometheus and Alertmanager unset: monitoring's
 * measured reads stay in its database).
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
backend.add(import('./apiEntityProvider'));
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@portico/plugin-permission-backend-module-portico'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@portico/plugin-portico-backend'));
backend.add(import('@portico/plugin-apim-backend'));
backend.add(import('@portico/plugin-promotions-backend'));
backend.add(import('@portico/plugin-servicedesk-backend'));
backend.add(import('@portico/plugin-security-backend'));
backend.add(import('@portico/plugin-monitoring-backend'));
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
