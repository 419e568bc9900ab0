import { useApi } from '@backstage/frontend-plugin-api';
import { Progress, ResponseErrorPanel, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import type { RuleSummary } from '@portico/plugin-monitoring-common';
import { monitoringApiRef } from '../../api';

const columns: TableColumn<RuleSummary>[] = [
  { title: 'Group', field: 'group' },
  { title: 'Rule', field: 'name' },
  { title: 'Severity', field: 'severity' },
  { title: 'State', field: 'state' },
  { title: 'Health', field: 'health' },
  { title: 'Active', field: 'activeAlerts' },
  {
    title: 'Last evaluation',
    render: r => (r.lastEvaluation ? new Date(r.lastEvaluation).toLocaleTimeString() : '—'),
  },
  { title: 'Components', render: r => r.components.map(c => c.split('/')[1]).join(', ') || '—' },
  { title: 'Query', render: r => <code style={{ fontSize: 11 }}>{r.query}</code> },
];

/** Prometheus's alerting rules (`/api/v1/rules`), through the backend. */
export function RulesView() {
  const api = useApi(monitoringApiRef);
  const { value, loading, error } = useAsync(() => api.rules(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.configured) {
    return (
      <Typography variant="body2">
        Prometheus is not configured: set <code>monitoring.prometheus.baseUrl</code> to list its alert rules here.
      </Typography>
    );
  }
  return (
    <Table<RuleSummary>
      title="Alert rules"
      options={{ paging: true, pageSize: 20, search: true, padding: 'dense' }}
      columns={columns}
      data={value.rules}
    />
  );
}
