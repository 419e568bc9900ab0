export { monitoringPlugin as default } from './plugin';
