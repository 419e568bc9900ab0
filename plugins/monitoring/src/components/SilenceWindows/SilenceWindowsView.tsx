import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { MonitoringStatus, SilenceWindow } from '@portico/plugin-monitoring-common';
import { describeError, monitoringApiRef } from '../../api';

/** `datetime-local` value (the browser's time zone) → ISO instant; empty when unset or invalid. */
export function localToIso(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}

function ScheduleForm(props: { onScheduled: () => void }) {
  const api = useApi(monitoringApiRef);
  const [form, setForm] = useState({ componentRef: '', startsAt: '', endsAt: '', comment: '' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: e.target.value }),
    error: !!error && error.startsWith(name),
    size: 'small' as const,
    variant: 'outlined' as const,
  });
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.scheduleSilenceWindow({
        componentRef: form.componentRef.trim(),
        startsAt: localToIso(form.startsAt),
        endsAt: localToIso(form.endsAt),
        comment: form.comment,
      });
      setForm({ componentRef: '', startsAt: '', endsAt: '', comment: '' });
      props.onScheduled();
    } catch (e) {
      setError(describeError(e as Error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <InfoCard title="Schedule a maintenance silence">
      <Box display="flex" flexWrap="wrap" alignItems="flex-start" style={{ gap: 12 }}>
        <TextField label="Component" placeholder="checkout or component:default/checkout" {...field('componentRef')} inputProps={{ 'aria-label': 'Component' }} />
        <TextField label="From" type="datetime-local" InputLabelProps={{ shrink: true }} {...field('startsAt')} inputProps={{ 'aria-label': 'From' }} />
        <TextField label="Until" type="datetime-local" InputLabelProps={{ shrink: true }} {...field('endsAt')} inputProps={{ 'aria-label': 'Until' }} />
        <TextField label="Reason" style={{ minWidth: 260 }} {...field('comment')} inputProps={{ 'aria-label': 'Reason' }} />
        <Button
          color="primary"
          variant="contained"
          disabled={busy || !form.componentRef.trim() || !form.startsAt || !form.endsAt || !form.comment.trim()}
          onClick={submit}
        >
          Schedule
        </Button>
      </Box>
      <Typography variant="caption" color="textSecondary" display="block" style={{ marginTop: 8 }}>
        Alertmanager silences the component's alerts over the window (its alert selector, or its name under each
        component label). Times are in your browser's time zone.
      </Typography>
      {error && (
        <Typography color="error" role="alert">
          {error}
        </Typography>
      )}
    </InfoCard>
  );
}

function WindowsTable(props: { windows: SilenceWindow[]; mayCancel: boolean; onCancel: (w: SilenceWindow) => void }) {
  return (
    <Table size="small" aria-label="Maintenance silences">
      <TableHead>
        <TableRow>
          <TableCell>Component</TableCell>
          <TableCell>Window</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Scheduled by</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {props.windows.map(w => {
          const [kind, rest] = w.componentRef.split(':');
          const [namespace, name] = rest.split('/');
          return (
            <TableRow key={w.id} data-testid={`window-${name}`}>
              <TableCell>
                <Link href={`/catalog/${namespace}/${kind}/${name}`}>{name}</Link>
              </TableCell>
              <TableCell>
                {new Date(w.startsAt).toLocaleString()} → {new Date(w.endsAt).toLocaleString()}
              </TableCell>
              <TableCell>
                <Chip size="small" label={w.state} color={w.state === 'active' ? 'secondary' : 'default'} />
              </TableCell>
              <TableCell>{w.comment}</TableCell>
              <TableCell>{w.createdBy.replace(/^user:default\//, '')}</TableCell>
              <TableCell>
                {props.mayCancel && (
                  <Button size="small" onClick={() => props.onCancel(w)}>
                    Cancel
                  </Button>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The "Maintenance" tab: current and coming maintenance silences; on-call schedules and cancels them. */
export function SilenceWindowsView(props: { status?: MonitoringStatus }) {
  const api = useApi(monitoringApiRef);
  const windows = useAsyncRetry(() => api.silenceWindows({ limit: 100 }), [api]);
  const [actionError, setActionError] = useState<string>();
  const may = !!props.status?.caller?.mayScheduleSilences;
  const configured = !!props.status?.alertmanager.configured;
  return (
    <>
      {props.status && !configured && (
        <Typography variant="body2" paragraph>
          Maintenance silences are made in Alertmanager: set <code>monitoring.alertmanager.baseUrl</code> to schedule them.
        </Typography>
      )}
      {may && configured && (
        <Box mb={2}>
          <ScheduleForm onScheduled={windows.retry} />
        </Box>
      )}
      {actionError && (
        <Typography color="error" role="alert">
          {actionError}
        </Typography>
      )}
      {windows.loading && !windows.value && <Progress />}
      {windows.error && <ResponseErrorPanel error={windows.error} />}
      {windows.value && windows.value.items.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No maintenance silence is scheduled.
        </Typography>
      )}
      {windows.value && windows.value.items.length > 0 && (
        <WindowsTable
          windows={windows.value.items}
          mayCancel={may}
          onCancel={async w => {
            setActionError(undefined);
            try {
              await api.cancelSilenceWindow(w.id);
              windows.retry();
            } catch (e) {
              setActionError(describeError(e as Error));
            }
          }}
        />
      )}
    </>
  );
}
