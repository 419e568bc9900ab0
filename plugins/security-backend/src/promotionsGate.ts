import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  promotionsEvidenceExtensionPoint,
  type EvidenceGate,
} from '@portico/plugin-promotions-node';
import type { GateVerdict } from './service/GateService';

export const SECURITY_GATE_ID = 'security-findings';

/**
 * The promotion gate of the security plugin, in the promotions plugin: it asks the security
 * backend (with the promotions plugin's own service credentials, the one caller /gate accepts)
 * about the exact artifact being promoted. Blocking when `promotions.gates.security-findings.blocking`.
 *
 * @public
 */
export const securityPromotionsGateModule = createBackendModule({
  pluginId: 'promotions',
  moduleId: 'security-findings-gate',
  register(reg) {
    reg.registerInit({
      deps: {
        evidence: promotionsEvidenceExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ evidence, discovery, auth, config }) {
        const appBaseUrl = config.getOptionalString('app.baseUrl') ?? '';
        const gate: EvidenceGate = {
          id: SECURITY_GATE_ID,
          title: 'Security findings',
          async evaluate(request) {
            const base = await discovery.getBaseUrl('security');
            const { token } = await auth.getPluginRequestToken({
              onBehalfOf: await auth.getOwnServiceCredentials(),
              targetPluginId: 'security',
            });
            const query = new URLSearchParams({
              componentRef: request.componentRef,
              version: request.version,
            });
            const response = await fetch(`${base}/gate?${query}`, {
              headers: { Authorization: `Bearer ${token}` },
            });
            if (!response.ok) throw await ResponseError.fromResponse(response);
            const verdict = (await response.json()) as GateVerdict;
            const link = new URLSearchParams({
              componentRef: request.componentRef.toLowerCase(),
              state: 'open,acknowledged,in_progress',
            });
            return {
              status: verdict.status,
              summary: verdict.summary,
              link: `${appBaseUrl}/security?${link}`,
            };
          },
        };
        evidence.addGate(gate);
      },
    });
  },
});
