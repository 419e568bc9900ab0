import { useCallback, useMemo } from 'react';
import { useQueryObjectState } from '@portico/portico-react';
import {
  ACTIVE_STATES,
  FINDING_STATES,
  SCANNERS,
  SEVERITIES,
  type FindingState,
  type ListFindingsQuery,
  type Scanner,
  type Severity,
} from '@portico/plugin-security-common';

export interface FindingFilters {
  severity: Severity[];
  /** Empty: the active states (open, acknowledged, in progress). */
  state: FindingState[];
  scanner?: Scanner;
  componentRef?: string;
  q?: string;
  overdue: boolean;
  unowned: boolean;
  offset: number;
}

const listOf = <T extends string>(
  text: string | undefined,
  allowed: readonly T[],
): T[] =>
  (text ?? '')
    .split(',')
    .filter((v): v is T => (allowed as readonly string[]).includes(v));

/** The filters of a findings list, kept in the URL (`?filters[severity]=critical,high`) as their only copy. */
export function useFindingFilters(): [
  FindingFilters,
  (next: Partial<FindingFilters>) => void,
] {
  const [raw, setRaw] = useQueryObjectState('filters');
  const filters = useMemo<FindingFilters>(
    () => ({
      severity: listOf(raw.severity, SEVERITIES),
      state: listOf(raw.state, FINDING_STATES),
      scanner: listOf(raw.scanner, SCANNERS)[0],
      componentRef: raw.componentRef || undefined,
      q: raw.q || undefined,
      overdue: raw.overdue === 'true',
      unowned: raw.unowned === 'true',
      offset: Math.max(0, Number(raw.offset) || 0),
    }),
    [raw],
  );
  const setFilters = useCallback(
    (next: Partial<FindingFilters>) => {
      // A new filter goes back to the first page.
      const merged = { ...filters, offset: 0, ...next };
      setRaw({
        severity: merged.severity.join(','),
        state: merged.state.join(','),
        scanner: merged.scanner,
        componentRef: merged.componentRef,
        q: merged.q,
        overdue: merged.overdue ? 'true' : undefined,
        unowned: merged.unowned ? 'true' : undefined,
        offset: merged.offset ? String(merged.offset) : undefined,
      });
    },
    [filters, setRaw],
  );
  return [filters, setFilters];
}

export function toListQuery(
  filters: FindingFilters,
  limit: number,
): ListFindingsQuery {
  return {
    severity: filters.severity.length ? filters.severity.join(',') : undefined,
    state: (filters.state.length ? filters.state : ACTIVE_STATES).join(','),
    scanner: filters.scanner,
    componentRef: filters.componentRef,
    q: filters.q,
    overdue: filters.overdue ? 'true' : undefined,
    unowned: filters.unowned ? 'true' : undefined,
    limit,
    offset: filters.offset,
  };
}
