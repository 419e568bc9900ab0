export { EventDetailsDrawer } from './EventDetailsDrawer';
