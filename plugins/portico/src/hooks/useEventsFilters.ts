import { useCallback, useMemo } from 'react';
import { useQueryParamState } from '@backstage/core-components';
import {
  compactEventsFilters,
  EventsFilters,
  parseEventsFilters,
} from './eventsFilters';

/** The query string key that holds the filters, e.g. `?filters[state]=failing`. */
export const FILTERS_QUERY_KEY = 'filters';

/**
 * The events page's filters, kept in the URL's query string so that a filtered view can be
 * shared as a link. One key holds them all: separate keys would race each other when two
 * filters change together (a new topic clears the type).
 */
export function useEventsFilters(): [
  EventsFilters,
  (filters: EventsFilters) => void,
] {
  // Whatever the URL holds; parseEventsFilters keeps what makes sense.
  const [raw, setRaw] = useQueryParamState<unknown>(FILTERS_QUERY_KEY);
  const filters = useMemo(() => parseEventsFilters(raw), [raw]);
  const setFilters = useCallback(
    (next: EventsFilters) => {
      const compact = compactEventsFilters(next);
      setRaw(Object.keys(compact).length > 0 ? compact : undefined);
    },
    [setRaw],
  );
  return [filters, setFilters];
}
