import { useState } from 'react';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { lifecycleApiRef } from '../../api';
import { EXCLUSIONS, formatDate, formatTimeLeft } from '../format';
import { ExtendDialog } from './ExtendDialog';

/** On a Resource's page: TTL left, notices sent, violations, the timeline, and Extend for its owners. */
export function EntityLifecycleCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLowerCase();
  const api = useApi(lifecycleApiRef);
  const [extending, setExtending] = useState(false);
  const detail = useAsyncRetry(() => api.resource(entityRef), [api, entityRef]);

  if (detail.loading && !detail.value) return <Progress />;
  if (detail.error) {
    const notFound = (detail.error as any)?.response?.status === 404;
    return (
      <InfoCard title="Lifecycle">
        {notFound ? (
          <Typography variant="body2">The lifecycle has not read this resource yet; it does within a minute.</Typography>
        ) : (
          <ResponseErrorPanel error={detail.error} />
        )}
      </InfoCard>
    );
  }
  const r = detail.value!;
  const rows: Array<[string, React.ReactNode]> = [
    ['Time left', r.state === 'active' ? formatTimeLeft(r.msLeft) : '—'],
    ['Expires', formatDate(r.expiresAt)],
    ['State', <Chip key="state" size="small" label={r.state} />],
    ['Notices sent', `48 h: ${r.notices['48h'] ? formatDate(r.notices['48h']) : 'not yet'} · 24 h: ${r.notices['24h'] ? formatDate(r.notices['24h']) : 'not yet'}`],
    ['Owner', r.owner ?? '—'],
    ['Project / cost centre', `${r.project ?? '—'} / ${r.costCenter ?? '—'}`],
    ['Environment / data', `${r.environment ?? '—'} / ${r.dataClass ?? '—'}`],
    ['Extensions', String(r.extensions)],
  ];
  if (r.excludedBecause) rows.push(['Automatic teardown', EXCLUSIONS[r.excludedBecause]]);
  if (r.teardown) rows.push(['Teardown', `${r.teardown.message ?? ''} ${r.teardown.finishedAt ? `(${formatDate(r.teardown.finishedAt)})` : ''}`]);

  return (
    <InfoCard title="Lifecycle" subheader="Time to live, notices and teardown">
      <Table size="small" aria-label="Lifecycle">
        <TableBody>
          {rows.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row">
                {label}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {r.violations.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2" color="error">
            Tag violations
          </Typography>
          {r.violations.map(v => (
            <Typography key={v.tag} variant="body2">
              <strong>{v.tag}</strong>: {v.message}
            </Typography>
          ))}
        </Box>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2">Timeline</Typography>
        {r.timeline.slice(-6).map((t, i) => (
          <Typography key={i} variant="body2" color="textSecondary">
            {formatDate(t.at)} · {t.kind} · {t.message}
          </Typography>
        ))}
      </Box>
      {r.canExtend && (
        <Box mt={2}>
          <Button variant="outlined" color="primary" onClick={() => setExtending(true)}>
            Extend
          </Button>
        </Box>
      )}
      {extending && (
        <ExtendDialog
          resource={r}
          onClose={() => setExtending(false)}
          onExtend={async (days, reason) => {
            await api.extend({ entityRef, days, reason });
            detail.retry();
          }}
        />
      )}
    </InfoCard>
  );
}
