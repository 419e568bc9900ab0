/**
 * The monitoring backend plugin.
 *
 * @packageDocumentation
 */
export { monitoringPlugin as default, createMonitoringPlugin, MONITORING_TASKS } from './plugin';
