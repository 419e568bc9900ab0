export { monitoringPlugin as default, MONITORING_NAV_ITEM_ID } from './plugin';
export { MonitoringSidebarItem } from './components/MonitoringSidebarItem';
export { monitoringApiRef } from './api';
