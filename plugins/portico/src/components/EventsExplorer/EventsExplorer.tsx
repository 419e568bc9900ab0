import { useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import type { OutboxEventView } from '@portico/plugin-portico-common';
import { isForbidden } from '../../api';
import { hasEventsFilters } from '../../hooks/eventsFilters';
import { useEventsFilters } from '../../hooks/useEventsFilters';
import { EventsList, useEventsList } from '../../hooks/useEventsList';
import { AdminsOnlyPanel } from '../AdminsOnlyPanel';
import { EventDetailsDrawer } from '../EventDetailsDrawer';
import { EventsEmptyState } from '../EventsEmptyState';
import { EventsFilterBar } from '../EventsFilterBar';
import { EventsTable } from '../EventsTable';
import { LoadMoreButton } from '../LoadMoreButton';

const sameEvent = (a: OutboxEventView, b: OutboxEventView) =>
  a.plugin === b.plugin && a.event.id === b.event.id;

function EventsResults(props: {
  list: EventsList;
  filtered: boolean;
  onClearFilters: () => void;
  onSelect: (item: OutboxEventView) => void;
}) {
  const { list, filtered, onClearFilters, onSelect } = props;
  if (list.loading) {
    return <Progress />;
  }
  if (list.error && list.items.length === 0) {
    return isForbidden(list.error) ? (
      <AdminsOnlyPanel />
    ) : (
      <ResponseErrorPanel title="Could not load events" error={list.error} />
    );
  }
  if (list.items.length === 0) {
    return (
      <EventsEmptyState filtered={filtered} onClearFilters={onClearFilters} />
    );
  }
  return (
    <>
      {list.error && (
        <Box mb={2}>
          <ResponseErrorPanel
            title="Could not load older events"
            error={list.error}
          />
        </Box>
      )}
      <EventsTable items={list.items} onSelect={onSelect} />
      <LoadMoreButton
        shown={list.items.length}
        hasMore={Boolean(list.nextCursor)}
        loading={list.loadingMore}
        onLoadMore={list.loadMore}
      />
    </>
  );
}

/** The filters, the matching events, and the selected event's details. */
export function EventsExplorer() {
  const [filters, setFilters] = useEventsFilters();
  const list = useEventsList(filters);
  const [selected, setSelected] = useState<OutboxEventView>();
  // After a reload, show the selected event as the server now sees it.
  const selectedNow =
    selected &&
    (list.items.find(item => sameEvent(item, selected)) ?? selected);

  return (
    <>
      <Box mb={3}>
        <EventsFilterBar
          filters={filters}
          plugins={list.plugins}
          onChange={setFilters}
        />
      </Box>
      <EventsResults
        list={list}
        filtered={hasEventsFilters(filters)}
        onClearFilters={() => setFilters({})}
        onSelect={setSelected}
      />
      <EventDetailsDrawer
        item={selectedNow}
        onClose={() => setSelected(undefined)}
        onRetryFinished={list.reload}
      />
    </>
  );
}
