export { DeliveryStateChip, deliveryStateLabel } from './DeliveryStateChip';
