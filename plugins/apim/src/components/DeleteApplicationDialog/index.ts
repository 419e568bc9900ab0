export { DeleteApplicationDialog } from './DeleteApplicationDialog';
