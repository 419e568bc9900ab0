export { EventDelivery } from './EventDelivery';
