import { useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ChevronLeft from '@material-ui/icons/ChevronLeft';
import ChevronRight from '@material-ui/icons/ChevronRight';
import GetApp from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { useQueryParam } from '@portico/portico-react';
import type { WeeklyReport } from '@portico/plugin-security-common';
import { describeError, securityApiRef } from '../../api';
import { securityRouteRef } from '../../routes';

const DAY_MS = 86_400_000;

/** The ISO week `delta` weeks from `week` (same arithmetic as the server: Monday 00:00 UTC). */
export function shiftWeek(week: string, delta: number): string {
  const [, year, number] = /^(\d{4})-W(\d{2})$/.exec(week)!;
  const jan4 = Date.UTC(Number(year), 0, 4);
  const monday =
    jan4 -
    ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS +
    (Number(number) - 1 + delta) * 7 * DAY_MS;
  const thursday = new Date(monday + 3 * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const firstJan4 = Date.UTC(isoYear, 0, 4);
  const firstMonday =
    firstJan4 - ((new Date(firstJan4).getUTCDay() + 6) % 7) * DAY_MS;
  const n = Math.round((monday - firstMonday) / (7 * DAY_MS)) + 1;
  return `${isoYear}-W${String(n).padStart(2, '0')}`;
}

const shortRef = (ref: string) => ref.replace(/^group:default\//, '');
const day = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function ReportTable({ report }: { report: WeeklyReport }) {
  if (!report.teams.length) {
    return (
      <Typography variant="body2">
        No team had findings opened, fixed, overdue or accepted that week.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Weekly numbers per team">
      <TableHead>
        <TableRow>
          <TableCell>Team</TableCell>
          <TableCell align="right">Opened</TableCell>
          <TableCell align="right">Fixed</TableCell>
          <TableCell align="right">Overdue at week end</TableCell>
          <TableCell align="right">Risks accepted</TableCell>
          <TableCell align="right">Mean time to fix</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {report.teams.map(team => (
          <TableRow key={team.ownerRef}>
            <TableCell>{shortRef(team.ownerRef)}</TableCell>
            <TableCell align="right">{team.opened}</TableCell>
            <TableCell align="right">{team.fixed}</TableCell>
            <TableCell align="right">
              <Typography
                variant="body2"
                color={team.overdue ? 'error' : 'textPrimary'}
              >
                {team.overdue}
              </Typography>
            </TableCell>
            <TableCell align="right">{team.accepted}</TableCell>
            <TableCell align="right">
              {team.meanTimeToFixHours === undefined
                ? '–'
                : `${team.meanTimeToFixHours} h`}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The weekly security report: per team, the same numbers as the Monday notification; CSV export. */
export function WeeklyReportPage() {
  const securityApi = useApi(securityApiRef);
  const securityLink = useRouteRef(securityRouteRef);
  const [week, setWeek] = useQueryParam('week');
  const [exportError, setExportError] = useState<string>();
  const report = useAsync(
    () => securityApi.getWeeklyReport(week),
    [securityApi, week],
  );

  const exportCsv = async (shown: WeeklyReport) => {
    setExportError(undefined);
    try {
      download(
        `security-weekly-${shown.week}.csv`,
        await securityApi.getWeeklyReportCsv(shown.week),
      );
    } catch (e) {
      setExportError(describeError(e as Error));
    }
  };

  return (
    <Page themeId="tool">
      <Header
        title="Weekly security report"
        subtitle="Per team: findings opened, fixed, overdue, risks accepted and mean time to fix"
      />
      <Content>
        <Box mb={1}>
          <Link to={securityLink?.() ?? '/security'}>← All findings</Link>
        </Box>
        {report.loading && <Progress />}
        {report.error && <ResponseErrorPanel error={report.error} />}
        {report.value && (
          <InfoCard
            title={`Week ${report.value.week}`}
            subheader={`${day(report.value.from)} – ${day(
              new Date(Date.parse(report.value.to) - 1).toISOString(),
            )} (UTC)`}
            action={
              <Box display="flex" alignItems="center">
                <IconButton
                  aria-label="Previous week"
                  onClick={() => setWeek(shiftWeek(report.value!.week, -1))}
                >
                  <ChevronLeft />
                </IconButton>
                <IconButton
                  aria-label="Next week"
                  onClick={() => setWeek(shiftWeek(report.value!.week, 1))}
                >
                  <ChevronRight />
                </IconButton>
                <Button
                  startIcon={<GetApp />}
                  variant="outlined"
                  color="primary"
                  onClick={() => exportCsv(report.value!)}
                >
                  Export CSV
                </Button>
              </Box>
            }
          >
            {exportError && <Alert severity="error">{exportError}</Alert>}
            <ReportTable report={report.value} />
          </InfoCard>
        )}
      </Content>
    </Page>
  );
}
