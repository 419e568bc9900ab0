import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Link from '@material-ui/core/Link';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { RED_RANGES } from '@portico/plugin-monitoring-common';
import { DeploymentList } from './DeploymentList';
import { formatBudget, percent } from './format';
import { RedChart } from './RedChart';
import { describeError, monitoringApiRef } from '../../api';

function HealthCard(props: { entityRef: string }) {
  const api = useApi(monitoringApiRef);
  const { value, error } = useAsync(() => api.health(props.entityRef), [api, props.entityRef]);
  return (
    <InfoCard title="Health checks">
      {error && <Typography color="error">{describeError(error)}</Typography>}
      {value && !value.healthUrl && (
        <Typography variant="body2">
          No health check: add the annotation <code>portico.io/health-url</code> to this component.
        </Typography>
      )}
      {value?.healthUrl && (
        <>
          <Typography variant="body2">
            {value.healthUrl} ·{' '}
            {value.lastCheck ? (
              <b style={{ color: value.lastCheck.up ? '#2e7d32' : '#c62828' }}>{value.lastCheck.up ? 'UP' : 'DOWN'}</b>
            ) : (
              'not checked yet'
            )}
            {value.lastCheck?.latencyMs !== undefined && ` · ${value.lastCheck.latencyMs} ms`}
          </Typography>
          <Typography variant="body2">
            Uptime 24 h {percent(value.uptime.hours24)} · 7 d {percent(value.uptime.days7)} · 30 d {percent(value.uptime.days30)}
          </Typography>
          <Box display="flex" style={{ gap: 2 }} mt={1} aria-label="Status history">
            {[...value.history].reverse().map(h => (
              <span
                key={h.at}
                title={`${new Date(h.at).toLocaleString()} ${h.up ? 'up' : 'down'}`}
                style={{ width: 6, height: 18, background: h.up ? '#2e7d32' : '#c62828' }}
              />
            ))}
          </Box>
        </>
      )}
    </InfoCard>
  );
}

function budgetColor(remaining: number | undefined) {
  if (remaining === undefined) return undefined;
  if (remaining <= 0) return '#c62828';
  return remaining < 0.25 ? '#ef6c00' : undefined;
}

function SloCard(props: { entityRef: string }) {
  const api = useApi(monitoringApiRef);
  const { value, error } = useAsync(() => api.slo(props.entityRef), [api, props.entityRef]);
  return (
    <InfoCard title="Service level objectives">
      {error && <Typography color="error">{describeError(error)}</Typography>}
      {value && value.availabilityTarget === undefined && value.latencyP95TargetMs === undefined && (
        <Typography variant="body2">
          No objectives: add <code>portico.io/slo: availability=99.9,latency-p95=300ms</code> to this component.
        </Typography>
      )}
      {value && (value.availabilityTarget !== undefined || value.latencyP95TargetMs !== undefined) && (
        <>
          {value.availabilityTarget !== undefined && (
            <Typography variant="body2">Availability objective {value.availabilityTarget} % over 30 days</Typography>
          )}
          {value.latencyP95TargetMs !== undefined && (
            <Typography variant="body2">Latency objective p95 ≤ {value.latencyP95TargetMs} ms</Typography>
          )}
          <Typography variant="body2">
            Error budget left:{' '}
            <b style={{ color: budgetColor(value.errorBudgetRemaining) }}>{formatBudget(value.errorBudgetRemaining)}</b> · burn
            rate (1 h):{' '}
            <b>{value.burnRate === undefined ? '—' : value.burnRate.toFixed(2)}</b>
          </Typography>
          {value.error && (
            <Typography variant="caption" color="textSecondary">
              {value.error}
            </Typography>
          )}
        </>
      )}
    </InfoCard>
  );
}

/** The component's "Metrics" tab: RED metrics from Prometheus, health checks, SLOs. */
export function EntityMetricsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLowerCase();
  const api = useApi(monitoringApiRef);
  const [range, setRange] = useState<string>('1h');
  const red = useAsync(() => api.red(entityRef, range), [api, entityRef, range]);
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <TextField select size="small" variant="outlined" label="Range" value={range} onChange={e => setRange(e.target.value)}>
            {RED_RANGES.map(r => (
              <MenuItem key={r} value={r}>
                {r}
              </MenuItem>
            ))}
          </TextField>
          {red.value?.selector && (
            <Typography variant="caption">
              Series <code>{red.value.selector}</code>
            </Typography>
          )}
          {red.value?.grafanaUrl && <Link href={red.value.grafanaUrl}>Grafana dashboard</Link>}
        </Box>
      </Grid>
      {red.loading && (
        <Grid item xs={12}>
          <Progress />
        </Grid>
      )}
      {red.error && (
        <Grid item xs={12}>
          <Typography variant="body2" role="alert">
            {describeError(red.error)}
          </Typography>
        </Grid>
      )}
      {red.value && (
        <>
          <Grid item xs={12} md={4}>
            <RedChart title="Request rate" deployments={red.value.deployments} series={red.value.series} names={['rate']} unit=" rps" />
          </Grid>
          <Grid item xs={12} md={4}>
            <RedChart title="Error ratio" deployments={red.value.deployments} series={red.value.series} names={['errorRatio']} unit=" %" scale={100} />
          </Grid>
          <Grid item xs={12} md={4}>
            <RedChart title="Latency" deployments={red.value.deployments} series={red.value.series} names={['p50', 'p95', 'p99']} unit=" ms" scale={1000} />
          </Grid>
          <Grid item xs={12}>
            <DeploymentList deployments={red.value.deployments ?? []} />
          </Grid>
        </>
      )}
      <Grid item xs={12} md={6}>
        <HealthCard entityRef={entityRef} />
      </Grid>
      <Grid item xs={12} md={6}>
        <SloCard entityRef={entityRef} />
      </Grid>
    </Grid>
  );
}
