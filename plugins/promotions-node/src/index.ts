/**
 * What other backend plugins need to extend promotions: the evidence-gate extension point and
 * its types. Kept apart from the promotions backend so that a module adding a gate (security,
 * monitoring) depends on this small library, not on another backend plugin.
 *
 * @packageDocumentation
 */
export {
  promotionsEvidenceExtensionPoint,
  type EvidenceGate,
  type EvidenceOutcome,
  type PromotionsEvidenceExtensionPoint,
} from './EvidenceGate';
