import { useState } from 'react';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { Application, UsageDay } from '@portico/plugin-apim-common';
import useAsync from 'react-use/esm/useAsync';
import { apimApiRef } from '../../api';
import { saveCsv, UsageBars } from '../UsageBars';

const DAYS = 30;

interface UsageTotal {
  apiRef: string;
  environment: string;
  requests: number;
  status4xx: number;
  status5xx: number;
  rateLimited: number;
  /** The worst day's p95: a bad day is what the owners look for. */
  p95Ms?: number;
}

/** Per API and environment over the period, busiest first. */
export function usageTotals(days: UsageDay[]): UsageTotal[] {
  const totals = new Map<string, UsageTotal>();
  for (const day of days) {
    const id = `${day.apiRef}|${day.environment}`;
    const total = totals.get(id) ?? {
      apiRef: day.apiRef,
      environment: day.environment,
      requests: 0,
      status4xx: 0,
      status5xx: 0,
      rateLimited: 0,
    };
    total.requests += day.requests;
    total.status4xx += day.status4xx;
    total.status5xx += day.status5xx;
    total.rateLimited += day.rateLimited;
    if (day.p95Ms !== undefined) total.p95Ms = Math.max(total.p95Ms ?? 0, day.p95Ms);
    totals.set(id, total);
  }
  return [...totals.values()].sort((a, b) => b.requests - a.requests);
}

/** Requests per day, all APIs, as bars. */
function DailyBars(props: { days: UsageDay[] }) {
  const perDay = new Map<string, number>();
  for (const day of props.days) perDay.set(day.day, (perDay.get(day.day) ?? 0) + day.requests);
  const points = [...perDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, requests]) => ({ day, requests }));
  return (
    <Box mb={2}>
      <UsageBars points={points} label="Requests per day" />
    </Box>
  );
}

/**
 * What the gateway let through for this application over the last 30 days (shipped from its
 * access log): requests, client and server errors, rate-limited calls and the p95 latency.
 */
export function ApplicationUsage(props: { application: Application }) {
  const apimApi = useApi(apimApiRef);
  const { application } = props;
  const [downloadError, setDownloadError] = useState<Error>();
  const { value: days, loading, error } = useAsync(
    () => apimApi.getApplicationUsage(application.id, DAYS),
    [apimApi, application.id],
  );

  const download = async () => {
    setDownloadError(undefined);
    try {
      const csv = await apimApi.getApplicationUsageCsv(application.id, DAYS);
      saveCsv(`${application.name}-usage.csv`, csv);
    } catch (e) {
      setDownloadError(e as Error);
    }
  };

  let body: JSX.Element;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!days || days.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No calls through the gateway in the last {DAYS} days. Usage appears here once the gateway
        ships its access log (portico-gateway ship-usage).
      </Typography>
    );
  } else {
    body = (
      <>
        <DailyBars days={days} />
        <Table size="small" aria-label="Usage per API and environment">
          <TableHead>
            <TableRow>
              <TableCell>API</TableCell>
              <TableCell>Environment</TableCell>
              <TableCell align="right">Requests</TableCell>
              <TableCell align="right">4xx</TableCell>
              <TableCell align="right">5xx</TableCell>
              <TableCell align="right">Rate-limited</TableCell>
              <TableCell align="right">p95 (worst day)</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {usageTotals(days).map(total => (
              <TableRow key={`${total.apiRef}|${total.environment}`}>
                <TableCell>{total.apiRef}</TableCell>
                <TableCell>{total.environment}</TableCell>
                <TableCell align="right">{total.requests}</TableCell>
                <TableCell align="right">{total.status4xx}</TableCell>
                <TableCell align="right">{total.status5xx}</TableCell>
                <TableCell align="right">{total.rateLimited}</TableCell>
                <TableCell align="right">{total.p95Ms !== undefined ? `≤ ${total.p95Ms} ms` : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </>
    );
  }

  return (
    <div role="region" aria-label="Usage">
      <InfoCard
        title="Usage"
        subheader={`Calls through the gateway, last ${DAYS} days`}
        action={
          <Box mt={1} mr={1}>
            <Button variant="outlined" size="small" onClick={download} disabled={!days?.length}>
              Download CSV
            </Button>
          </Box>
        }
      >
        {downloadError ? <ResponseErrorPanel error={downloadError} /> : null}
        {body}
      </InfoCard>
    </div>
  );
}
