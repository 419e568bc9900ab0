export { EditApplicationDialog } from './EditApplicationDialog';
