import useAsync from 'react-use/esm/useAsync';
import Grid from '@material-ui/core/Grid';
import { Progress, ResponseErrorPanel, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ComplianceRow } from '@portico/plugin-servicedesk-common';
import { servicedeskApiRef } from '../../api';
import { shortRef } from '../../format';

const columns = (first: string, short = false): TableColumn<ComplianceRow>[] => [
  { title: first, render: row => (short ? shortRef(row.name) : row.name), cellStyle: { minWidth: 160 } },
  { title: 'Resolved', field: 'resolved', type: 'numeric' },
  { title: 'Within SLA', field: 'withinSla', type: 'numeric' },
  {
    title: 'Compliance',
    type: 'numeric',
    render: row => (row.compliance === undefined ? '—' : `${Math.round(row.compliance * 100)} %`),
  },
  { title: 'Open and breached', field: 'breachedOpen', type: 'numeric' },
];

/** SLA compliance over the last 30 days, per service and per team. */
export function SlaReport() {
  const api = useApi(servicedeskApiRef);
  const { value, loading, error } = useAsync(() => api.slaReport(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const subtitle = `Tickets resolved from ${new Date(value!.from).toLocaleDateString()} to ${new Date(value!.to).toLocaleDateString()}`;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={7}>
        <Table title="SLA compliance per service" subtitle={subtitle} options={{ paging: false, search: false, padding: 'dense' }} columns={columns('Service')} data={value!.byService} />
      </Grid>
      <Grid item xs={12} lg={5}>
        <Table title="SLA compliance per team" options={{ paging: false, search: false, padding: 'dense' }} columns={columns('Team', true)} data={value!.byTeam} />
      </Grid>
    </Grid>
  );
}
