export { porticoPluginDeps, startPorticoPlugin, scheduleGlobalTask } from './porticoPlugin';
export type { PorticoPluginServices, PorticoPluginRuntime } from './porticoPlugin';
