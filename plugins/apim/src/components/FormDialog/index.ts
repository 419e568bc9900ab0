export { DialogForm, FormDialog } from './FormDialog';
