import { useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { useQueryParam } from '@portico/portico-react';
import { SEVERITIES } from '@portico/plugin-security-common';
import { securityApiRef } from '../../api';
import { weeklyReportRouteRef } from '../../routes';
import { BulkTriageBar } from '../BulkTriageBar';
import { TrendChart } from '../TrendChart';
import { FindingsTable } from '../FindingsTable';
import { RuntimeEventsList } from '../RuntimeEvents';
import { SeverityChart } from '../SeverityChart';
import { UploadReportButton } from '../UploadReportButton';
import { FindingFiltersBar } from './FindingFiltersBar';
import { toListQuery, useFindingFilters } from './useFindingFilters';

const PAGE_SIZE = 25;

/** Findings of every component the caller may see, filtered on the server; counts; runtime alerts. */
export function SecurityPage() {
  const securityApi = useApi(securityApiRef);
  const [filters, setFilters] = useFindingFilters();
  const [tab, setTab] = useQueryParam('tab');
  const [reloadKey, setReloadKey] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const reportLink = useRouteRef(weeklyReportRouteRef);
  const stats = useAsync(
    () => securityApi.getStats(),
    [securityApi, reloadKey],
  );
  const trend = useAsync(
    () => securityApi.getTrend({ days: 30 }),
    [securityApi, reloadKey],
  );
  const list = useAsync(
    () => securityApi.listFindings(toListQuery(filters, PAGE_SIZE)),
    [securityApi, filters, reloadKey],
  );

  return (
    <Page themeId="tool">
      <Header
        title="Security"
        subtitle="Vulnerabilities, misconfigurations, secrets and runtime alerts per component"
      />
      <Content>
        <ContentHeader title="">
          <Box mr={2}>
            <Link to={reportLink?.() ?? '/security/report'}>Weekly report</Link>
          </Box>
          <UploadReportButton onUploaded={() => setReloadKey(k => k + 1)} />
        </ContentHeader>
        {stats.error && <ResponseErrorPanel error={stats.error} />}
        {stats.value && (
          <Grid container spacing={2}>
            <Grid item xs={12} md={6}>
              <InfoCard title="Open findings by severity">
                <SeverityChart
                  open={stats.value.open}
                  overdue={stats.value.overdue}
                />
              </InfoCard>
            </Grid>
            <Grid item xs={12} md={6}>
              <InfoCard title="At a glance">
                <Typography variant="body1">
                  {SEVERITIES.map(s => `${stats.value!.open[s]} ${s}`).join(
                    ' · ',
                  )}
                </Typography>
                <Typography
                  variant="body1"
                  color={
                    SEVERITIES.some(s => stats.value!.overdue[s])
                      ? 'error'
                      : 'textPrimary'
                  }
                >
                  {SEVERITIES.reduce((n, s) => n + stats.value!.overdue[s], 0)}{' '}
                  past their SLA (
                  {Object.entries(stats.value.slaDays)
                    .map(([s, d]) => `${s} ${d} d`)
                    .join(', ')}
                  )
                </Typography>
                <Typography variant="body1">
                  Mean time to fix (90 days):{' '}
                  {stats.value.meanTimeToFixHours === undefined
                    ? 'nothing fixed yet'
                    : `${stats.value.meanTimeToFixHours} h`}
                </Typography>
                {stats.value.unowned > 0 && (
                  <Typography variant="body1">
                    {stats.value.unowned} open findings on images no component
                    claims
                  </Typography>
                )}
                <Box mt={1}>
                  <Typography variant="subtitle2">
                    Most exposed teams
                  </Typography>
                  {stats.value.byTeam.slice(0, 5).map(team => (
                    <Typography key={team.ownerRef} variant="body2">
                      {team.ownerRef.replace(/^group:default\//, '')}:{' '}
                      {team.open.critical} critical, {team.open.high} high,{' '}
                      {team.overdue} overdue
                    </Typography>
                  ))}
                </Box>
              </InfoCard>
            </Grid>
            <Grid item xs={12}>
              <InfoCard title="Open findings over the last 30 days">
                {trend.error && <ResponseErrorPanel error={trend.error} />}
                {trend.value && <TrendChart trend={trend.value} />}
              </InfoCard>
            </Grid>
          </Grid>
        )}
        <Box mt={2}>
          <Tabs
            value={tab === 'runtime' ? 'runtime' : 'findings'}
            onChange={(_, value) =>
              setTab(value === 'findings' ? undefined : value)
            }
          >
            <Tab value="findings" label="Findings" />
            <Tab value="runtime" label="Runtime alerts" />
          </Tabs>
        </Box>
        <Box mt={2}>
          {tab === 'runtime' ? (
            <RuntimeEventsList />
          ) : (
            <>
              <FindingFiltersBar
                filters={filters}
                onChange={next => {
                  setSelected(new Set());
                  setFilters(next);
                }}
              />
              <BulkTriageBar
                selected={selected}
                onClear={() => setSelected(new Set())}
                onDone={() => {
                  setSelected(new Set());
                  setReloadKey(k => k + 1);
                }}
              />
              {list.loading && <Progress />}
              {list.error && <ResponseErrorPanel error={list.error} />}
              {list.value && (
                <FindingsTable
                  page={list.value}
                  onPageChange={offset => setFilters({ offset })}
                  selected={selected}
                  onSelectionChange={setSelected}
                />
              )}
            </>
          )}
        </Box>
      </Content>
    </Page>
  );
}
