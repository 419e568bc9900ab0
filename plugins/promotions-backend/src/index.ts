/**
 * The promotions backend plugin and its evidence-gate extension point.
 *
 * @packageDocumentation
 */
export { promotionsPlugin as default, PROMOTIONS_TASKS } from './plugin';
export {
  promotionsEvidenceExtensionPoint,
  type EvidenceGate,
  type EvidenceOutcome,
  type PromotionsEvidenceExtensionPoint,
} from '@portico/plugin-promotions-node';
