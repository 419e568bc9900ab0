export { EventsEmptyState } from './EventsEmptyState';
