import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * One plain query parameter (e.g. `?view=awaiting`) as page state, with the URL as the only
 * copy (see useQueryObjectState for why). Setting undefined or '' removes it.
 */
export function useQueryParam(
  name: string,
): [string | undefined, (value: string | undefined) => void] {
  const [search, setSearch] = useSearchParams();
  const value = search.get(name) ?? undefined;
  const setValue = useCallback(
    (next: string | undefined) =>
      setSearch(
        current => {
          const updated = new URLSearchParams(current);
          if (next) updated.set(name, next);
          else updated.delete(name);
          return updated;
        },
        { replace: true },
      ),
    [name, setSearch],
  );
  return [value, setValue];
}
