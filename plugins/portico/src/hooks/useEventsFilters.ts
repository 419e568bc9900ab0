import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  compactEventsFilters,
  EventsFilters,
  parseEventsFilters,
} from './eventsFilters';

/** The query string prefix of the filters, e.g. `?filters[state]=failing`. */
export const FILTERS_QUERY_KEY = 'filters';

const FILTER_PARAM = new RegExp(`^${FILTERS_QUERY_KEY}\\[(\\w+)\\]$`);

function filtersFromSearch(search: URLSearchParams): Record<string, string> {
  const raw: Record<string, string> = {};
  search.forEach((value, key) => {
    const name = FILTER_PARAM.exec(key)?.[1];
    if (name) {
      raw[name] = value;
    }
  });
  return raw;
}

/**
 * The events page's filters, kept in the URL's query string so that a filtered view can be
 * shared as a link. The URL is the only copy: a second copy in component state (as
 * `useQueryParamState` keeps, written back to the URL after a debounce) lets a late URL
 * update overwrite a filter set in between, so each change replaces the URL at once.
 * Filters change on Enter, blur or a pick from a list, not per key stroke.
 */
export function useEventsFilters(): [
  EventsFilters,
  (filters: EventsFilters) => void,
] {
  const [search, setSearch] = useSearchParams();
  const searchString = search.toString();
  const filters = useMemo(
    () => parseEventsFilters(filtersFromSearch(new URLSearchParams(searchString))),
    [searchString],
  );
  const setFilters = useCallback(
    (next: EventsFilters) => {
      setSearch(
        current => {
          const updated = new URLSearchParams();
          current.forEach((value, key) => {
            if (!FILTER_PARAM.test(key)) {
              updated.append(key, value);
            }
          });
          for (const [name, value] of Object.entries(compactEventsFilters(next))) {
            updated.set(`${FILTERS_QUERY_KEY}[${name}]`, value);
          }
          return updated;
        },
        { replace: true },
      );
    },
    [setSearch],
  );
  return [filters, setFilters];
}
