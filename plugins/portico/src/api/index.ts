export { porticoEventsApiRef } from './PorticoEventsApi';
export type { ListEventsRequest, PorticoEventsApi } from './PorticoEventsApi';
export { PorticoEventsClient } from './PorticoEventsClient';
export { describeError, fieldErrorOf, isForbidden } from './errors';
export { porticoSchedulesApiRef } from './PorticoSchedulesApi';
export type { PorticoSchedulesApi } from './PorticoSchedulesApi';
export { PorticoSchedulesClient } from './PorticoSchedulesClient';
