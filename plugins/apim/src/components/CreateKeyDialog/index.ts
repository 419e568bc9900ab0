export { CreateKeyDialog } from './CreateKeyDialog';
