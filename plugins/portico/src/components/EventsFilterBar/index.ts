export { EventsFilterBar } from './EventsFilterBar';
