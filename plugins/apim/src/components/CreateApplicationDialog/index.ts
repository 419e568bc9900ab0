export { CreateApplicationDialog } from './CreateApplicationDialog';
