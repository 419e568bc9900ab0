import { useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ApiUsage } from '@portico/plugin-apim-common';
import useAsync from 'react-use/esm/useAsync';
import { apimApiRef } from '../../api';
import { saveCsv, UsageBars, type UsagePoint } from '../UsageBars';

const DAYS = 30;

export interface ApplicationUsageRow {
  applicationId: string;
  name: string;
  /** One point per day of the period that has any traffic on the API, so that rows line up. */
  points: UsagePoint[];
  requests: number;
  status4xx: number;
  status5xx: number;
  /** The worst day's p95. */
  p95Ms?: number;
}

/** Per application (all environments), on one day axis, busiest first. */
export function usageByApplication(usage: ApiUsage): ApplicationUsageRow[] {
  const axis = [...new Set(usage.days.map(d => d.day))].sort();
  const names = new Map(usage.applications.map(a => [a.id, a.name]));
  const rows = new Map<string, ApplicationUsageRow & { perDay: Map<string, number> }>();
  for (const day of usage.days) {
    let row = rows.get(day.applicationId);
    if (!row) {
      row = {
        applicationId: day.applicationId,
        name: names.get(day.applicationId) ?? day.applicationId,
        points: [],
        requests: 0,
        status4xx: 0,
        status5xx: 0,
        perDay: new Map(),
      };
      rows.set(day.applicationId, row);
    }
    row.requests += day.requests;
    row.status4xx += day.status4xx;
    row.status5xx += day.status5xx;
    row.perDay.set(day.day, (row.perDay.get(day.day) ?? 0) + day.requests);
    if (day.p95Ms !== undefined) row.p95Ms = Math.max(row.p95Ms ?? 0, day.p95Ms);
  }
  return [...rows.values()]
    .map(({ perDay, ...row }) => ({
      ...row,
      points: axis.map(d => ({ day: d, requests: perDay.get(d) ?? 0 })),
    }))
    .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name));
}

/**
 * On the API's plans & subscriptions card, for its owners: what each subscribed application sent
 * through the gateway over the last 30 days (requests per day, client and server errors, p95).
 * The server answers it to the API's owners and portal admins only.
 */
export function ApiUsagePanel(props: { apiRef: string; apiName: string }) {
  const apimApi = useApi(apimApiRef);
  const { apiRef, apiName } = props;
  const [downloadError, setDownloadError] = useState<Error>();
  const { value, loading, error } = useAsync(() => apimApi.getApiUsage(apiRef, DAYS), [apimApi, apiRef]);
  const rows = value ? usageByApplication(value) : [];
  const max = Math.max(1, ...rows.flatMap(r => r.points.map(p => p.requests)));

  const download = async () => {
    setDownloadError(undefined);
    try {
      saveCsv(`${apiName}-usage.csv`, await apimApi.getApiUsageCsv(apiRef, DAYS));
    } catch (e) {
      setDownloadError(e as Error);
    }
  };

  let body: JSX.Element;
  if (loading) {
    body = <Progress aria-label="Loading the usage" />;
  } else if (error) {
    body = <ResponseErrorPanel title="Could not load the usage" error={error} />;
  } else if (rows.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No calls through the gateway in the last {DAYS} days.
      </Typography>
    );
  } else {
    body = (
      <Table size="small" aria-label="Usage per application">
        <TableHead>
          <TableRow>
            <TableCell>Application</TableCell>
            <TableCell style={{ width: '35%' }}>Requests per day</TableCell>
            <TableCell align="right">Requests</TableCell>
            <TableCell align="right">4xx</TableCell>
            <TableCell align="right">5xx</TableCell>
            <TableCell align="right">p95 (worst day)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.applicationId}>
              <TableCell>{row.name}</TableCell>
              <TableCell>
                <UsageBars points={row.points} max={max} height={28} label={`${row.name}, requests per day`} />
              </TableCell>
              <TableCell align="right">{row.requests.toLocaleString('en-US')}</TableCell>
              <TableCell align="right">{row.status4xx.toLocaleString('en-US')}</TableCell>
              <TableCell align="right">{row.status5xx.toLocaleString('en-US')}</TableCell>
              <TableCell align="right">{row.p95Ms !== undefined ? `≤ ${row.p95Ms} ms` : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <section aria-label="Usage per application">
      <Box display="flex" alignItems="center" justifyContent="space-between" mb={1}>
        <Typography variant="subtitle2" component="h3">
          Usage per application, last {DAYS} days
        </Typography>
        <Button variant="outlined" size="small" onClick={download} disabled={rows.length === 0}>
          Download CSV
        </Button>
      </Box>
      {downloadError ? <ResponseErrorPanel error={downloadError} /> : null}
      {body}
    </section>
  );
}
