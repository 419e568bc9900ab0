export { AlertsView } from './AlertsView';
export { AlertsTable, groupAlerts } from './AlertsTable';
export { formatDuration } from './StatsCards';
