export { EntityAlertsCard } from './EntityAlertsCard';
export { EntityAlertsContent } from './EntityAlertsContent';
