export { MonitoringSidebarItem } from './MonitoringSidebarItem';
