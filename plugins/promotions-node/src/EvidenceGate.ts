import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { GateStatus, PromotionRequest } from '@portico/plugin-promotions-common';

/** What a gate says about one request. */
export interface EvidenceOutcome {
  status: GateStatus;
  summary: string;
  link?: string;
}

/**
 * A source of evidence about a promotion request: open critical findings, firing alerts, a
 * version already deployed... Evaluated when the request page is read and again at approval;
 * config `promotions.gates.<id>.blocking: true` makes a failing gate refuse the approval.
 */
export interface EvidenceGate {
  /** Stable id, the key under `promotions.gates` in config. */
  id: string;
  title: string;
  evaluate(request: PromotionRequest): Promise<EvidenceOutcome>;
}

/** @public */
export interface PromotionsEvidenceExtensionPoint {
  addGate(...gates: EvidenceGate[]): void;
}

/**
 * Other plugins add evidence gates through a backend module:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'promotions', moduleId: 'security-gate',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { evidence: promotionsEvidenceExtensionPoint },
 *       async init({ evidence }) { evidence.addGate(openCriticalFindingsGate) },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const promotionsEvidenceExtensionPoint = createExtensionPoint<PromotionsEvidenceExtensionPoint>({
  id: 'promotions.evidence',
});
