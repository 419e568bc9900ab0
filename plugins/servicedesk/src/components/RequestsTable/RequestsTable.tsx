import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import type { ServiceRequestSummary } from '@portico/plugin-servicedesk-common';
import { formatTime, shortRef } from '../../format';
import { requestRouteRef } from '../../routes';
import { PriorityChip, SlaChip, StatusChip } from '../Chips/Chips';

const RESOLVED = ['resolved', 'closed', 'cancelled'];

/** Tickets with their status, priority, assignee and SLA (time left or overdue). */
export function RequestsTable(props: {
  title: string;
  items: ServiceRequestSummary[];
  loading?: boolean;
  showRequester?: boolean;
  emptyText: string;
}) {
  const requestLink = useRouteRef(requestRouteRef);
  const columns: TableColumn<ServiceRequestSummary>[] = [
    {
      title: 'Ticket',
      field: 'ticketId',
      render: row => <Link to={requestLink?.({ ticketId: row.ticketId }) ?? `/servicedesk/requests/${row.ticketId}`}>{row.ticketId}</Link>,
    },
    { title: 'Service', field: 'serviceName' },
    { title: 'Title', field: 'title' },
    ...(props.showRequester ? [{ title: 'Requester', render: (row: ServiceRequestSummary) => shortRef(row.requester) }] : []),
    { title: 'Priority', render: row => <PriorityChip priority={row.priority} /> },
    { title: 'Status', render: row => <StatusChip status={row.status} /> },
    { title: 'Assignee', render: row => shortRef(row.assignedTo) || (row.autoResolution && row.status === 'in_progress' ? 'automation' : '—') },
    { title: 'SLA', render: row => <SlaChip sla={row.sla} resolved={RESOLVED.includes(row.status)} /> },
    { title: 'Created', render: row => formatTime(row.createdAt) },
  ];
  return (
    <Table<ServiceRequestSummary>
      title={props.title}
      isLoading={props.loading}
      options={{ paging: props.items.length > 20, pageSize: 20, search: false, padding: 'dense' }}
      columns={columns}
      data={props.items}
      emptyContent={<div style={{ padding: 16 }}>{props.emptyText}</div>}
    />
  );
}
