import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type { PromotionRequest } from '@portico/plugin-promotions-common';
import { promotionRequestRouteRef } from '../../routes';
import { PromotionStateChip } from '../PromotionStateChip';

export function formatDate(iso?: string): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/** Promotion requests, newest first, paged by the server. */
export function PromotionsTable(props: {
  items: PromotionRequest[];
  totalCount: number;
  page: number;
  pageSize: number;
  loading?: boolean;
  onPageChange: (page: number) => void;
  emptyContent?: React.ReactNode;
  title?: string;
}) {
  const requestLink = useRouteRef(promotionRequestRouteRef);
  const columns: TableColumn<PromotionRequest>[] = [
    {
      title: 'Promotion',
      field: 'componentRef',
      render: row => (
        <>
          <Link to={requestLink?.({ id: row.id }) ?? `/promotions/${row.id}`}>
            {row.componentTitle ?? row.componentRef.split('/').pop()} {row.version}
          </Link>
          <Typography variant="caption" display="block" color="textSecondary">
            {row.componentRef}
          </Typography>
        </>
      ),
    },
    {
      title: 'Route',
      render: row => `${row.fromEnvironment} → ${row.toEnvironment}`,
    },
    { title: 'Tenant', field: 'tenant' },
    { title: 'State', field: 'state', render: row => <PromotionStateChip state={row.state} /> },
    {
      title: 'Requested by',
      field: 'requestedBy',
      render: row => <EntityRefLink entityRef={row.requestedBy} defaultKind="user" hideIcon />,
    },
    {
      title: 'Approvals',
      render: row => `${row.approvals.length} / ${row.requiredApprovals}`,
    },
    { title: 'Requested', field: 'createdAt', render: row => formatDate(row.createdAt) },
  ];
  // Said plainly instead of an empty grid (the table's own empty row does not show with server paging).
  if (!props.loading && props.items.length === 0 && props.emptyContent) {
    return <Paper variant="outlined">{props.emptyContent}</Paper>;
  }
  return (
    <Table<PromotionRequest>
      title={props.title}
      columns={columns}
      data={props.items}
      isLoading={props.loading}
      page={props.page}
      totalCount={props.totalCount}
      onPageChange={props.onPageChange}
      options={{
        paging: props.totalCount > props.pageSize,
        pageSize: props.pageSize,
        pageSizeOptions: [props.pageSize],
        search: false,
        padding: 'dense',
        toolbar: Boolean(props.title),
      }}
      emptyContent={props.emptyContent}
    />
  );
}
