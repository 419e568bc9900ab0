export { AckDialog } from './AckDialog';
