export { PendingDecisions } from './PendingDecisions';
