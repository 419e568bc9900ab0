export { SubscriptionHistory } from './SubscriptionHistory';
