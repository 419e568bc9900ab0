export { OperationPicker, operationKey } from './OperationPicker';
