import { useCallback, useMemo } from 'react';
import { useQueryObjectState } from '@portico/portico-react';
import {
  compactEventsFilters,
  EventsFilters,
  parseEventsFilters,
} from './eventsFilters';

/** The query string key that holds the filters, e.g. `?filters[state]=failing`. */
export const FILTERS_QUERY_KEY = 'filters';

/**
 * The events page's filters, kept in the URL so that a filtered view can be shared as a link.
 * One key holds them all, changed as a whole (a new topic clears the type).
 */
export function useEventsFilters(): [
  EventsFilters,
  (filters: EventsFilters) => void,
] {
  const [raw, setRaw] = useQueryObjectState(FILTERS_QUERY_KEY);
  // Whatever the URL holds; parseEventsFilters keeps what makes sense.
  const filters = useMemo(() => parseEventsFilters(raw), [raw]);
  const setFilters = useCallback(
    (next: EventsFilters) => setRaw(compactEventsFilters(next)),
    [setRaw],
  );
  return [filters, setFilters];
}
