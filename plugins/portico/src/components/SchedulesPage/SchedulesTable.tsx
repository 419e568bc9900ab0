import { useCallback, useEffect, useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Switch from '@material-ui/core/Switch';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import {
  porticoSchedulesManagePermission,
  ScheduleView,
} from '@portico/plugin-portico-common';
import { describeError, porticoSchedulesApiRef } from '../../api';
import { DeleteScheduleDialog } from './DeleteScheduleDialog';
import { describeTrigger } from './describeTrigger';
import { RunStatusChip } from './RunStatusChip';
import { ScheduleDialog } from './ScheduleDialog';

function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  return new Date(iso)
    .toISOString()
    .replace('T', ' ')
    .slice(0, 16)
    .concat(' UTC');
}

export function SchedulesTable() {
  const api = useApi(porticoSchedulesApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed: canManage } = usePermission({
    permission: porticoSchedulesManagePermission,
  });
  const [items, setItems] = useState<ScheduleView[] | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  // The schedule being edited, 'new' while creating one.
  const [editing, setEditing] = useState<ScheduleView | 'new'>();
  const [deleting, setDeleting] = useState<ScheduleView>();

  const load = useCallback(async () => {
    try {
      setItems((await api.listSchedules()).items);
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }, [api]);

  useEffect(() => {
    load();
  }, [load]);

  // While a run is under way, follow it: the runner records its end within a tick.
  const following = items?.some(
    s => s.lastRun?.status === 'starting' || s.lastRun?.status === 'running',
  );
  useEffect(() => {
    if (!following) return undefined;
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [following, load]);

  const act = async (schedule: ScheduleView, what: 'toggle' | 'run') => {
    setBusy(schedule.id);
    try {
      if (what === 'toggle') {
        await api.setEnabled(schedule.id, !schedule.enabled);
        alertApi.post({
          message: `${schedule.name} ${
            schedule.enabled ? 'paused' : 'enabled'
          }`,
          severity: 'success',
          display: 'transient',
        });
      } else {
        const run = await api.runNow(schedule.id);
        alertApi.post({
          message:
            run.status === 'failed'
              ? `${schedule.name} did not start: ${run.message}`
              : `${schedule.name} started (task ${run.taskId})`,
          severity: run.status === 'failed' ? 'error' : 'success',
          display: 'transient',
        });
      }
      await load();
    } catch (e) {
      alertApi.post({ message: describeError(e as Error), severity: 'error' });
    } finally {
      setBusy(undefined);
    }
  };

  const saved = async (schedule: ScheduleView) => {
    alertApi.post({
      message: `${schedule.name} ${editing === 'new' ? 'created' : 'saved'}`,
      severity: 'success',
      display: 'transient',
    });
    setEditing(undefined);
    await load();
  };

  const deleted = async (schedule: ScheduleView) => {
    alertApi.post({
      message: `${schedule.name} deleted`,
      severity: 'success',
      display: 'transient',
    });
    setDeleting(undefined);
    await load();
  };

  // Only those who may manage schedules see the way to change them; the server refuses the rest.
  const newButton = canManage ? (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setEditing('new')}
    >
      New schedule
    </Button>
  ) : undefined;
  const dialogs = canManage && (
    <>
      <ScheduleDialog
        open={editing !== undefined}
        schedule={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
        onSaved={saved}
      />
      <DeleteScheduleDialog
        schedule={deleting}
        onClose={() => setDeleting(undefined)}
        onDeleted={deleted}
      />
    </>
  );

  if (error) return <ResponseErrorPanel error={error} />;
  if (!items) return <Progress />;
  if (items.length === 0) {
    return (
      <>
        <EmptyState
          missing="content"
          title="No schedules yet"
          description={`Only templates annotated portico.io/schedulable: "true" can be scheduled; operators may also list example schedules in app-config (portico.schedules.examples).`}
          action={newButton}
        />
        {dialogs}
      </>
    );
  }

  return (
    <InfoCard title="Scheduled template runs" noPadding action={newButton}>
      <Table size="small" aria-label="Schedules">
        <TableHead>
          <TableRow>
            <TableCell>Schedule</TableCell>
            <TableCell>When</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>Next run</TableCell>
            <TableCell>Last run</TableCell>
            <TableCell>Enabled</TableCell>
            <TableCell />
            {canManage && <TableCell />}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(schedule => (
            <TableRow
              key={schedule.id}
              data-testid={`schedule-${schedule.name}`}
            >
              <TableCell>
                <Typography variant="body2">
                  <strong>{schedule.name}</strong>
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {schedule.templateRef} · vouched for by {schedule.updatedBy}
                </Typography>
                {schedule.pausedReason && (
                  <Typography variant="caption" color="error" component="div">
                    {schedule.pausedReason}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{describeTrigger(schedule)}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {schedule.owner}
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {schedule.enabled ? formatTime(schedule.nextRunAt) : 'paused'}
              </TableCell>
              <TableCell>
                {schedule.lastRun ? (
                  <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                    <RunStatusChip status={schedule.lastRun.status} />
                    <span>{formatTime(schedule.lastRun.startedAt)}</span>
                    {schedule.lastRun.taskId && (
                      <Link
                        to={`/create/tasks/${schedule.lastRun.taskId}`}
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        task
                      </Link>
                    )}
                  </Box>
                ) : (
                  'never run'
                )}
                {schedule.lastRun?.status === 'failed' &&
                  schedule.lastRun.message && (
                    <Typography variant="caption" color="error" component="div">
                      {schedule.lastRun.message}
                    </Typography>
                  )}
              </TableCell>
              <TableCell>
                <Switch
                  checked={schedule.enabled}
                  disabled={!canManage || busy === schedule.id}
                  onChange={() => act(schedule, 'toggle')}
                  inputProps={{
                    'aria-label': `${schedule.enabled ? 'Pause' : 'Enable'} ${
                      schedule.name
                    }`,
                  }}
                  color="primary"
                />
              </TableCell>
              <TableCell>
                <Button
                  variant="outlined"
                  size="small"
                  disabled={!canManage || busy === schedule.id}
                  onClick={() => act(schedule, 'run')}
                  aria-label={`Run ${schedule.name} now`}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  Run now
                </Button>
              </TableCell>
              {canManage && (
                <TableCell padding="none" style={{ whiteSpace: 'nowrap' }}>
                  <Tooltip title="Edit">
                    <IconButton
                      size="small"
                      aria-label={`Edit ${schedule.name}`}
                      onClick={() => setEditing(schedule)}
                    >
                      <EditIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                  <Tooltip title="Delete">
                    <IconButton
                      size="small"
                      aria-label={`Delete ${schedule.name}`}
                      onClick={() => setDeleting(schedule)}
                    >
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {dialogs}
    </InfoCard>
  );
}
