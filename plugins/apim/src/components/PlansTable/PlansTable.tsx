import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { Plan } from '@portico/plugin-apim-common';
import { formatQuota, formatRateLimit, planLabel } from '../../format';
import { EnvironmentChips } from '../EnvironmentChips';

/** An API's plans side by side: limits, approval and environments. */
export function PlansTable(props: { plans: Plan[] }) {
  return (
    <Table size="small" aria-label="Plans">
      <TableHead>
        <TableRow>
          <TableCell>Plan</TableCell>
          <TableCell>Approval</TableCell>
          <TableCell>Rate limit</TableCell>
          <TableCell>Quota</TableCell>
          <TableCell>Environments</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.plans.map(plan => (
          <TableRow key={plan.name} aria-label={planLabel(plan)}>
            <TableCell>
              <Typography variant="body2">
                <strong>{planLabel(plan)}</strong>
              </Typography>
              {plan.description && (
                <Typography variant="caption" color="textSecondary">
                  {plan.description}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <Chip
                size="small"
                label={plan.approval === 'auto' ? 'automatic' : 'manual'}
                color={plan.approval === 'auto' ? 'primary' : 'default'}
                variant={plan.approval === 'auto' ? 'default' : 'outlined'}
              />
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {formatRateLimit(plan) ?? 'none'}
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {formatQuota(plan) ?? 'none'}
            </TableCell>
            <TableCell>
              <EnvironmentChips environments={plan.environments} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
