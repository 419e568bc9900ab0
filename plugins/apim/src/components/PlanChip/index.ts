export { PlanChip } from './PlanChip';
