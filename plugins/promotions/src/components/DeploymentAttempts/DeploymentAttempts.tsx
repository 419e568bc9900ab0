import { Link, Table, TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import type { DeploymentAttempt } from '@portico/plugin-promotions-common';
import { formatDate } from '../PromotionsTable';

const STATUS_COLORS: Record<DeploymentAttempt['status'], 'default' | 'primary' | 'secondary'> = {
  requested: 'default',
  running: 'primary',
  succeeded: 'primary',
  failed: 'secondary',
};

/** The deployments of an approved request: the first and each retry, with the executor's logs. */
export function DeploymentAttempts({ attempts }: { attempts: DeploymentAttempt[] }) {
  const columns: TableColumn<DeploymentAttempt>[] = [
    { title: '#', field: 'number', width: '40px' },
    { title: 'Executor', field: 'executor' },
    {
      title: 'Status',
      field: 'status',
      render: row => (
        <Chip
          size="small"
          label={row.status}
          color={STATUS_COLORS[row.status]}
          variant={row.status === 'succeeded' ? 'default' : 'outlined'}
        />
      ),
    },
    { title: 'Started', render: row => formatDate(row.startedAt ?? row.createdAt) },
    { title: 'Finished', render: row => formatDate(row.finishedAt) },
    { title: 'Message', field: 'message' },
    {
      title: 'Logs',
      render: row => (row.logsUrl ? <Link to={row.logsUrl}>{row.taskId ? 'Task' : 'Logs'}</Link> : ''),
    },
  ];
  return (
    <Table<DeploymentAttempt>
      title="Deployment attempts"
      columns={columns}
      data={attempts}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={<div style={{ padding: 16 }}>No deployment yet: it starts when the request is approved.</div>}
    />
  );
}
