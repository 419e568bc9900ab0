import { Table, TableColumn } from '@backstage/core-components';
import Tooltip from '@material-ui/core/Tooltip';
import type { OutboxEventView } from '@portico/plugin-portico-common';
import { DeliveryStateChip } from '../DeliveryStateChip';
import { EventTime } from '../EventTime';
import { shorten } from './shorten';

const columns: TableColumn<OutboxEventView>[] = [
  {
    title: 'Time',
    render: row => <EventTime time={row.event.occurredAt} />,
  },
  { title: 'Plugin', render: row => row.plugin },
  { title: 'Topic', render: row => row.event.topic },
  { title: 'Type', render: row => row.event.type },
  { title: 'Subject', render: row => row.event.subject },
  { title: 'Actor', render: row => row.event.actor },
  { title: 'Tenant', render: row => row.event.tenant ?? '—' },
  {
    title: 'State',
    render: row => (
      <DeliveryStateChip state={row.state} attempts={row.attempts} />
    ),
  },
  {
    title: 'Last error',
    render: row =>
      row.lastError ? (
        <Tooltip title={row.lastError}>
          <span>{shorten(row.lastError)}</span>
        </Tooltip>
      ) : (
        ''
      ),
  },
];

/** The events, newest first, as the server sorted them; a click on a row selects it. */
export function EventsTable(props: {
  items: OutboxEventView[];
  onSelect: (item: OutboxEventView) => void;
}) {
  const { items, onSelect } = props;
  return (
    <Table<OutboxEventView>
      columns={columns}
      data={items}
      onRowClick={(_event, row) => row && onSelect(row)}
      options={{
        toolbar: false,
        paging: false,
        search: false,
        sorting: false,
        draggable: false,
        padding: 'dense',
        rowStyle: { cursor: 'pointer' },
      }}
    />
  );
}
