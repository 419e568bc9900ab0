import { ResponseErrorPanel, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import useAsync from 'react-use/esm/useAsync';
import { lifecycleApiRef } from '../../api';

/** Resources per cost centre: how many, how many expire within a week, how many break the tag rules. */
export function CostCenterSummary() {
  const api = useApi(lifecycleApiRef);
  const summary = useAsync(() => api.costCenters(), [api]);
  if (summary.loading) return <Progress />;
  if (summary.error) return <ResponseErrorPanel error={summary.error} />;
  return (
    <Table size="small" aria-label="Cost centres">
      <TableHead>
        <TableRow>
          <TableCell>Cost centre</TableCell>
          <TableCell align="right">Resources</TableCell>
          <TableCell align="right">Expiring within 7 d</TableCell>
          <TableCell align="right">Tag violations</TableCell>
          <TableCell>By environment</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {summary.value!.map(row => (
          <TableRow key={row.costCenter}>
            <TableCell>{row.costCenter}</TableCell>
            <TableCell align="right">{row.resources}</TableCell>
            <TableCell align="right">{row.expiringSoon}</TableCell>
            <TableCell align="right">{row.violations}</TableCell>
            <TableCell>
              {Object.entries(row.environments)
                .map(([env, count]) => `${env}: ${count}`)
                .join(', ')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
