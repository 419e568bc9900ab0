export { PlanPicker } from './PlanPicker';
