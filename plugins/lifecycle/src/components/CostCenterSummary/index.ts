export { CostCenterSummary } from './CostCenterSummary';
