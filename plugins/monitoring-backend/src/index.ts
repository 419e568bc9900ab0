/**
 * The monitoring backend plugin.
 *
 * @packageDocumentation
 */
export { monitoringPlugin as default, createMonitoringPlugin, MONITORING_TASKS } from './plugin';
export { promotionsModuleMonitoringGate, MONITORING_GATE_ID } from './promotionsGateModule';
