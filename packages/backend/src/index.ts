import { createBackend } from '@backstage/backend-defaults';
import {
  configValidationPlugin,
  porticoRootHttpRouterServiceFactory,
  readStartupConfig,
} from '@portico/portico-node';
import { authModulePorticoOidcProvider } from '@portico/plugin-auth-backend-module-demo-provider';
import { securityPromotionsGateModule } from '@portico/plugin-security-backend';
import { promotionsModuleMonitoringGate } from '@portico/plugin-monitoring-backend';
import { catalogModuleLifecycle } from '@portico/plugin-lifecycle-backend';
import { scaffolderModulePorticoPublishLocal } from '@portico/plugin-scaffolder-backend-module-portico';

async function main() {
  const config = await readStartupConfig();
  const backend = createBackend();

  // Root HTTP router with Prometheus metrics (/metrics, per-route request counts and latency).
  backend.add(porticoRootHttpRouterServiceFactory);
  // Refuse to start on app-config that does not match the config schemas (names the key).
  backend.add(configValidationPlugin);

  // The app backend serves the built frontend (packages/app/dist) on the backend's port.
  backend.add(import('@backstage/plugin-app-backend'));

  // Sign-in: demo users locally (development only), OIDC in production.
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@portico/plugin-auth-backend-module-demo-provider'));
  // OIDC with Portico's resolver: only portico.signIn.allowedEmailDomains, matched to catalog users.
  backend.add(authModulePorticoOidcProvider);

  // Catalog.
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  );
  backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
  // Relative $text placeholders in local file locations (the demo catalog's API specs).
  backend.add(import('@portico/plugin-catalog-backend-module-portico'));

  // Scaffolder.
  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(
    import('@backstage/plugin-scaffolder-backend-module-notifications'),
  );

  // Permissions: Portico's RBAC policy (roles are catalog groups).
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(import('@portico/plugin-permission-backend-module-portico'));

  // Search: Postgres engine when the database is PostgreSQL, in-memory otherwise.
  backend.add(import('@backstage/plugin-search-backend'));
  backend.add(import('@backstage/plugin-search-backend-module-pg'));
  backend.add(import('@backstage/plugin-search-backend-module-catalog'));

  // Events (in-process; the Portico outbox relays to Kafka), notifications, signals, user settings.
  backend.add(import('@backstage/plugin-events-backend'));
  backend.add(import('@backstage/plugin-notifications-backend'));
  // E-mail and Slack channels are off until configured (the modules refuse to start without config).
  if (config.has('notifications.processors.email')) {
    backend.add(import('@backstage/plugin-notifications-backend-module-email'));
  }
  if (config.has('notifications.processors.slack')) {
    backend.add(import('@backstage/plugin-notifications-backend-module-slack'));
  }
  backend.add(import('@backstage/plugin-signals-backend'));
  backend.add(import('@backstage/plugin-user-settings-backend'));

  // Portico: the events page over every plugin's outbox.
  backend.add(import('@portico/plugin-portico-backend'));
  // API catalog, applications, subscriptions, keys, Try-It.
  backend.add(import('@portico/plugin-apim-backend'));
  // Promotion requests STAGING -> PROD with anti-self-approval, deployments.
  backend.add(import('@portico/plugin-promotions-backend'));
  // Scaffolder actions over Portico's plugins.
  backend.add(import('@portico/plugin-scaffolder-backend-module-portico'));
  // Automations in outside systems (Microsoft 365, AWX, Slack/Teams, HTTP targets, PennyLane, PayFit, Power BI); each action says "not configured" until app-config has its keys.
  backend.add(import('@portico/plugin-scaffolder-backend-module-m365'));
  backend.add(import('@portico/plugin-scaffolder-backend-module-ops'));
  backend.add(import('@portico/plugin-scaffolder-backend-module-finance'));
  // Docker Engine (integrations.docker): inspect and isolate a container, the incident playbook's step.
  backend.add(import('@portico/plugin-scaffolder-backend-module-docker'));
  // Service desk: service catalog, requests with SLA, automation through the scaffolder.
  backend.add(import('@portico/plugin-servicedesk-backend'));
  // Security findings: Trivy/SARIF/Falco ingest, triage, risk acceptance; and its promotion gate.
  backend.add(import('@portico/plugin-security-backend'));
  backend.add(securityPromotionsGateModule);
  // Monitoring: Alertmanager/Grafana webhooks, alerts per component, acknowledgement with silences.
  backend.add(import('@portico/plugin-monitoring-backend'));
  backend.add(promotionsModuleMonitoringGate);
  // Resource lifecycle: mandatory tags, TTL notices and teardown; the golden paths' local repositories
  // (portico:publish:local writes them, the catalog module's provider reads them back).
  backend.add(import('@portico/plugin-lifecycle-backend'));
  backend.add(catalogModuleLifecycle);
  backend.add(scaffolderModulePorticoPublishLocal);
  await backend.start();
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
