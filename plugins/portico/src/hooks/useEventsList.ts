import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { toError } from '@backstage/errors';
import type { OutboxEventView } from '@portico/plugin-portico-common';
import { porticoEventsApiRef } from '../api';
import type { EventsFilters } from './eventsFilters';

export const EVENTS_PAGE_SIZE = 50;

export interface EventsListState {
  /** Every page loaded so far, newest first. */
  items: OutboxEventView[];
  /** The plugins that have an outbox, for the plugin filter. */
  plugins: string[];
  /** Set when older events remain on the server. */
  nextCursor?: string;
  /** The first page is loading (initially, after a filter change, on reload). */
  loading: boolean;
  loadingMore: boolean;
  error?: Error;
}

export interface EventsList extends EventsListState {
  loadMore(): void;
  reload(): void;
}

/**
 * Loads the events that match the filters, a page at a time. A filter change or a reload
 * starts over from the newest; the answer of a request that was overtaken is ignored.
 */
export function useEventsList(filters: EventsFilters): EventsList {
  const api = useApi(porticoEventsApiRef);
  const [state, setState] = useState<EventsListState>({
    items: [],
    plugins: [],
    loading: true,
    loadingMore: false,
  });
  const generation = useRef(0);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const current = ++generation.current;
    setState(previous => ({
      ...previous,
      loading: true,
      loadingMore: false,
      error: undefined,
    }));
    api.listEvents({ ...filters, limit: EVENTS_PAGE_SIZE }).then(
      page => {
        if (current === generation.current) {
          setState({
            items: page.items,
            plugins: page.plugins,
            nextCursor: page.nextCursor,
            loading: false,
            loadingMore: false,
          });
        }
      },
      error => {
        if (current === generation.current) {
          setState(previous => ({
            ...previous,
            items: [],
            nextCursor: undefined,
            loading: false,
            error: toError(error),
          }));
        }
      },
    );
  }, [api, filters, reloads]);

  const { nextCursor, loadingMore } = state;
  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore) {
      return;
    }
    const current = generation.current;
    setState(previous => ({
      ...previous,
      loadingMore: true,
      error: undefined,
    }));
    api
      .listEvents({ ...filters, limit: EVENTS_PAGE_SIZE, cursor: nextCursor })
      .then(
        page => {
          if (current === generation.current) {
            setState(previous => ({
              ...previous,
              items: [...previous.items, ...page.items],
              plugins: page.plugins,
              nextCursor: page.nextCursor,
              loadingMore: false,
            }));
          }
        },
        error => {
          if (current === generation.current) {
            setState(previous => ({
              ...previous,
              loadingMore: false,
              error: toError(error),
            }));
          }
        },
      );
  }, [api, filters, nextCursor, loadingMore]);

  const reload = useCallback(() => setReloads(count => count + 1), []);

  return { ...state, loadMore, reload };
}
