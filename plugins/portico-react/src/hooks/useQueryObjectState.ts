import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** Flat string fields kept under one query-string key, e.g. `?filters[state]=failing`. */
export type QueryObject = Record<string, string>;

function paramPattern(key: string) {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}\\[(\\w+)\\]$`);
}

/**
 * Page state kept in the URL's query string under one key, so that a filtered view can be
 * shared as a link. The URL is the only copy: a second copy in component state (as Backstage's
 * `useQueryParamState` keeps, written back to the URL after a debounce, then copied back) lets a
 * late URL write overwrite a change made in between, and a filter is silently lost. Each change
 * replaces the URL at once; debounce typing in the input instead. Blank values are dropped;
 * other query parameters are kept.
 */
export function useQueryObjectState(
  key: string,
): [QueryObject, (next: Record<string, string | undefined>) => void] {
  const [search, setSearch] = useSearchParams();
  const pattern = useMemo(() => paramPattern(key), [key]);
  const searchString = search.toString();

  const value = useMemo(() => {
    const object: QueryObject = {};
    new URLSearchParams(searchString).forEach((text, name) => {
      const field = pattern.exec(name)?.[1];
      if (field) object[field] = text;
    });
    return object;
  }, [searchString, pattern]);

  const setValue = useCallback(
    (next: Record<string, string | undefined>) => {
      setSearch(
        current => {
          const updated = new URLSearchParams();
          current.forEach((text, name) => {
            if (!pattern.test(name)) updated.append(name, text);
          });
          for (const [field, text] of Object.entries(next)) {
            if (typeof text === 'string' && text !== '') {
              updated.set(`${key}[${field}]`, text);
            }
          }
          return updated;
        },
        { replace: true },
      );
    },
    [key, pattern, setSearch],
  );

  return [value, setValue];
}
