/**
 * The security backend plugin, and its promotion gate (a module of the promotions plugin).
 *
 * @packageDocumentation
 */
export { securityPlugin as default, SECURITY_TASKS } from './plugin';
export {
  securityPromotionsGateModule,
  SECURITY_GATE_ID,
} from './promotionsGate';
