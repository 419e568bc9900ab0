import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import type { ScheduleView } from '@portico/plugin-portico-common';
import { describeError, porticoSchedulesApiRef } from '../../api';

/** Asks before deleting a schedule: its run history goes with it. */
export function DeleteScheduleDialog(props: {
  schedule?: ScheduleView;
  onClose: () => void;
  onDeleted: (schedule: ScheduleView) => void;
}) {
  const { schedule, onClose, onDeleted } = props;
  const api = useApi(porticoSchedulesApiRef);
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState(false);

  useEffect(() => setError(undefined), [schedule]);

  const confirm = async () => {
    if (!schedule) return;
    setDeleting(true);
    try {
      await api.deleteSchedule(schedule.id);
      onDeleted(schedule);
    } catch (e) {
      setError(describeError(e as Error));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Dialog
      open={Boolean(schedule)}
      onClose={onClose}
      maxWidth="xs"
      fullWidth
      aria-labelledby="delete-schedule-title"
    >
      <DialogTitle id="delete-schedule-title">
        Delete {schedule?.name}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          The schedule stops and its run history is deleted. Tasks it already
          started stay in the scaffolder. To stop it for a while instead, pause
          it.
        </DialogContentText>
        {error && (
          <Typography role="alert" color="error" variant="body2">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          onClick={confirm}
          disabled={deleting}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
