export { SubscriptionStateChip } from './SubscriptionStateChip';
