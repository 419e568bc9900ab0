export { ApiSubscriptionsTable } from './ApiSubscriptionsTable';
