export { DecisionDialog, type Decision } from './DecisionDialog';
