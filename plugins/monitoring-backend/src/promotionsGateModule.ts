import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the extension point lives in promotions-backend (there is no promotions-node package yet)
import { promotionsEvidenceExtensionPoint } from '@portico/plugin-promotions-node';
import type { GateVerdict } from './service/GateService';

/** The gate id, the key under `promotions.gates` (`blocking: true` makes it refuse approvals). */
export const MONITORING_GATE_ID = 'monitoring';

/**
 * Registers "no critical alert firing and error budget not exhausted" on the promotions
 * evidence extension point. It asks the monitoring backend with the promotions plugin's own
 * service credentials; a gate that cannot answer fails (fail closed).
 */
export const promotionsModuleMonitoringGate = createBackendModule({
  pluginId: 'promotions',
  moduleId: 'monitoring-gate',
  register(reg) {
    reg.registerInit({
      deps: { evidence: promotionsEvidenceExtensionPoint, discovery: coreServices.discovery, auth: coreServices.auth },
      async init({ evidence, discovery, auth }) {
        evidence.addGate({
          id: MONITORING_GATE_ID,
          title: 'No critical alert firing and error budget not exhausted',
          async evaluate(request) {
            try {
              const base = await discovery.getBaseUrl('monitoring');
              const { token } = await auth.getPluginRequestToken({
                onBehalfOf: await auth.getOwnServiceCredentials(),
                targetPluginId: 'monitoring',
              });
              const res = await fetch(`${base}/gate?${new URLSearchParams({ entityRef: request.componentRef })}`, {
                headers: { Authorization: `Bearer ${token}` },
                signal: AbortSignal.timeout(10_000),
              });
              if (!res.ok) throw new Error(`monitoring answered ${res.status}`);
              const verdict = (await res.json()) as GateVerdict;
              return {
                status: verdict.status === 'passed' ? 'pass' : 'fail',
                summary: verdict.summary,
                link: `/monitoring?filters[component]=${encodeURIComponent(request.componentRef.toLowerCase())}`,
              };
            } catch (error) {
              return { status: 'fail', summary: `Monitoring could not be asked: ${(error as Error).message}` };
            }
          },
        });
      },
    });
  },
});
