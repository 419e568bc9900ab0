import { useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { SEVERITIES } from '@portico/plugin-security-common';
import { securityApiRef } from '../../api';
import { FindingsTable } from '../FindingsTable';
import { RuntimeEventsList } from '../RuntimeEvents';
import { FindingFiltersBar } from '../SecurityPage/FindingFiltersBar';
import {
  toListQuery,
  useFindingFilters,
} from '../SecurityPage/useFindingFilters';
import { SeverityChart } from '../SeverityChart';

const PAGE_SIZE = 20;
const IMAGE_ANNOTATION = 'portico.io/container-image';

/** The Security tab of a component: its findings (filters in the URL), counts and runtime alerts. */
export function EntitySecurityContent() {
  const { entity } = useEntity();
  const componentRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const securityApi = useApi(securityApiRef);
  const [filters, setFilters] = useFindingFilters();
  const [reload] = useState(0);
  const stats = useAsync(
    () => securityApi.getStats({ componentRef }),
    [securityApi, componentRef, reload],
  );
  const list = useAsync(
    () =>
      securityApi.listFindings({
        ...toListQuery(filters, PAGE_SIZE),
        componentRef,
      }),
    [securityApi, componentRef, filters, reload],
  );
  const images = entity.metadata.annotations?.[IMAGE_ANNOTATION];

  return (
    <Grid container spacing={2}>
      {!images && (
        <Grid item xs={12}>
          <Typography variant="body2">
            This component names no container image: add the{' '}
            <code>{IMAGE_ANNOTATION}</code> annotation so that scan reports of
            its images land here.
          </Typography>
        </Grid>
      )}
      {stats.value?.componentSla?.annotationError && (
        <Grid item xs={12}>
          <Alert severity="warning">
            {stats.value.componentSla.annotationError}. The clocks below are
            used instead.
          </Alert>
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <InfoCard title="Open findings by severity">
          {stats.error && <ResponseErrorPanel error={stats.error} />}
          {stats.value && (
            <SeverityChart
              open={stats.value.open}
              overdue={stats.value.overdue}
            />
          )}
          {stats.value && (
            <Typography variant="body2" color="textSecondary">
              Days to fix:{' '}
              {Object.entries(
                stats.value.componentSla?.slaDays ?? stats.value.slaDays,
              )
                .map(([severity, days]) => `${severity} ${days} d`)
                .join(', ')}{' '}
              (from{' '}
              {(stats.value.componentSla?.sources ?? ['default']).join(
                ', then ',
              )}
              )
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Runtime alerts">
          <RuntimeEventsList componentRef={componentRef} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Findings">
          <FindingFiltersBar
            filters={filters}
            onChange={setFilters}
            hideComponent
          />
          {list.loading && <Progress />}
          {list.error && <ResponseErrorPanel error={list.error} />}
          {list.value && (
            <FindingsTable
              page={list.value}
              onPageChange={offset => setFilters({ offset })}
              hideComponent
            />
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/** On a component's overview: open findings per severity, with a link to the Security tab. */
export function EntitySecurityCard() {
  const { entity } = useEntity();
  const componentRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const securityApi = useApi(securityApiRef);
  const stats = useAsync(
    () => securityApi.getStats({ componentRef }),
    [securityApi, componentRef],
  );
  return (
    <InfoCard
      title="Security"
      deepLink={{ title: 'Findings of this component', link: 'security' }}
    >
      {stats.error && <ResponseErrorPanel error={stats.error} />}
      {stats.value && (
        <Box>
          <Typography variant="body1">
            {SEVERITIES.map(s => `${stats.value!.open[s]} ${s}`).join(' · ')}
          </Typography>
          <Typography
            variant="body2"
            color={
              SEVERITIES.some(s => stats.value!.overdue[s])
                ? 'error'
                : 'textSecondary'
            }
          >
            {SEVERITIES.reduce((n, s) => n + stats.value!.overdue[s], 0)} past
            their SLA
          </Typography>
        </Box>
      )}
    </InfoCard>
  );
}
