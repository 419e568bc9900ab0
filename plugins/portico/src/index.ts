/**
 * Portico's own pages: the events page for portal admins.
 *
 * @packageDocumentation
 */
export { porticoPlugin as default } from './plugin';
export {
  porticoEventsApiRef,
  PorticoEventsClient,
  type ListEventsRequest,
  type PorticoEventsApi,
} from './api';
export { VisibleToEventReaders } from './components/VisibleToEventReaders';

/** The id of the events page, which is also its nav item's id in the app's sidebar. */
export const EVENTS_NAV_ITEM_ID = 'page:portico/events';
