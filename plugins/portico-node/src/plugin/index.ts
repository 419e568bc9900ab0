export {
  porticoPluginDeps,
  startPorticoPlugin,
  scheduleGlobalTask,
} from './porticoPlugin';
export type {
  PorticoPluginServices,
  PorticoPluginRuntime,
  PorticoPluginStartOptions,
} from './porticoPlugin';
