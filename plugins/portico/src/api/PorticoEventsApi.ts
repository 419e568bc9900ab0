import { createApiRef } from '@backstage/frontend-plugin-api';
import type { EventsPage, EventsQuery } from '@portico/plugin-portico-common';

/** Filters and page of `GET /api/portico/events`; what is left out, the server defaults. */
export type ListEventsRequest = Partial<EventsQuery>;

/** The events page's view of every Portico plugin's outbox. */
export interface PorticoEventsApi {
  /** One page of events, newest first; pass `nextCursor` back as `cursor` for older ones. */
  listEvents(request?: ListEventsRequest): Promise<EventsPage>;
  /** Asks the relay to deliver a pending or failing event now rather than after its back-off. */
  retryEvent(plugin: string, id: string): Promise<void>;
}

export const porticoEventsApiRef = createApiRef<PorticoEventsApi>().with({
  id: 'plugin.portico.events',
  pluginId: 'portico',
});
