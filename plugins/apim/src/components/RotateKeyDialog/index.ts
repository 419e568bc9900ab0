export { RotateKeyDialog } from './RotateKeyDialog';
