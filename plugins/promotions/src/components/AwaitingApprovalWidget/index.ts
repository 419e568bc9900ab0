export { AwaitingApprovalWidget } from './AwaitingApprovalWidget';
