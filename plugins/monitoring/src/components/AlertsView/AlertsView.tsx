import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useQueryObjectState } from '@portico/portico-react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TablePagination from '@material-ui/core/TablePagination';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { ALERT_SEVERITIES, ALERT_STATES, Alert } from '@portico/plugin-monitoring-common';
import { describeError, monitoringApiRef } from '../../api';
import { AckDialog } from '../AckDialog';
import { AlertsTable } from './AlertsTable';
import { StatsCards } from './StatsCards';

function TextFilter(props: { label: string; value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  // The URL is written once typing pauses, so a late write never overwrites a newer key.
  useDebounce(() => text !== props.value && props.onChange(text), 400, [text]);
  return (
    <TextField
      label={props.label}
      value={text}
      onChange={e => setText(e.target.value)}
      size="small"
      variant="outlined"
      inputProps={{ 'aria-label': props.label }}
    />
  );
}

function SelectFilter(props: { label: string; value: string; options: readonly string[]; onChange: (v: string) => void }) {
  return (
    <TextField
      select
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      size="small"
      variant="outlined"
      style={{ minWidth: 140 }}
      SelectProps={{ inputProps: { 'aria-label': props.label } }}
    >
      <MenuItem value="">any</MenuItem>
      {props.options.map(o => (
        <MenuItem key={o} value={o}>
          {o}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * Alerts with their filters in the URL (`filters[state]=firing`), filtered and paged by the
 * server. `componentRef` pins the component (the entity tab).
 */
export function AlertsView(props: { componentRef?: string }) {
  const api = useApi(monitoringApiRef);
  const [filters, setFilters] = useQueryObjectState('filters');
  const [acking, setAcking] = useState<Alert>();
  const [actionError, setActionError] = useState<string>();
  const state = filters.state ?? (props.componentRef ? '' : 'firing,acknowledged');
  const limit = Number(filters.limit ?? 25);
  const offset = Number(filters.offset ?? 0);
  const component = props.componentRef ?? filters.component;
  const query = { state, severity: filters.severity, team: filters.team, q: filters.q, component, limit, offset };

  const status = useAsyncRetry(() => api.status(), [api]);
  const alerts = useAsyncRetry(() => api.listAlerts(query), [api, JSON.stringify(query)]);
  const stats = useAsyncRetry(() => api.stats({ component, team: filters.team }), [api, component, filters.team]);
  const set = (patch: Record<string, string | undefined>) => setFilters({ ...filters, ...patch, offset: undefined });
  const reload = () => {
    alerts.retry();
    stats.retry();
  };

  return (
    <>
      {stats.value && <StatsCards stats={stats.value} />}
      {/* On paper: the fields' grey labels are 4.47:1 on the page's grey (WCAG AA wants 4.5:1). */}
      <Box display="flex" flexWrap="wrap" style={{ gap: 12 }} mb={2} bgcolor="background.paper" p={1.5}>
        <SelectFilter
          label="State"
          value={filters.state ?? ''}
          options={[...ALERT_STATES, 'firing,acknowledged']}
          onChange={v => set({ state: v })}
        />
        <SelectFilter label="Severity" value={filters.severity ?? ''} options={ALERT_SEVERITIES} onChange={v => set({ severity: v })} />
        {!props.componentRef && (
          <TextFilter label="Component" value={filters.component ?? ''} onChange={v => set({ component: v })} />
        )}
        <TextFilter label="Team" value={filters.team ?? ''} onChange={v => set({ team: v })} />
        <TextFilter label="Label search" value={filters.q ?? ''} onChange={v => set({ q: v })} />
      </Box>
      {actionError && (
        <Typography color="error" role="alert">
          {actionError}
        </Typography>
      )}
      {alerts.loading && !alerts.value && <Progress />}
      {alerts.error && <ResponseErrorPanel error={alerts.error} />}
      {alerts.value && alerts.value.items.length === 0 && (
        // Primary text: the secondary grey is 4.47:1 on the page's grey (WCAG AA wants 4.5:1).
        <Typography variant="body2">
          No alerts match these filters.
        </Typography>
      )}
      {alerts.value && alerts.value.items.length > 0 && (
        <>
          <AlertsTable
            alerts={alerts.value.items}
            showComponent={!props.componentRef}
            onAck={setAcking}
            onUnack={async alert => {
              setActionError(undefined);
              try {
                await api.unacknowledge(alert.id);
                reload();
              } catch (e) {
                setActionError(describeError(e as Error));
              }
            }}
          />
          <TablePagination
            component="div"
            count={alerts.value.totalCount}
            page={Math.floor(offset / limit)}
            rowsPerPage={limit}
            rowsPerPageOptions={[25, 50, 100]}
            onPageChange={(_, page) => setFilters({ ...filters, offset: String(page * limit) })}
            onRowsPerPageChange={e => setFilters({ ...filters, limit: e.target.value, offset: undefined })}
          />
        </>
      )}
      {acking && (
        <AckDialog
          alert={acking}
          silences={!!status.value?.alertmanager.configured}
          onClose={changed => {
            setAcking(undefined);
            if (changed) reload();
          }}
        />
      )}
    </>
  );
}
