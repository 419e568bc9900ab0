export { EventsExplorer } from './EventsExplorer';
