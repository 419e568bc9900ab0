import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { Alert } from '@portico/plugin-monitoring-common';
import { describeError, monitoringApiRef } from '../../api';

const EXPIRIES = [
  { minutes: 30, label: '30 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 120, label: '2 hours' },
  { minutes: 240, label: '4 hours' },
  { minutes: 480, label: '8 hours' },
  { minutes: 1440, label: '1 day' },
];

/**
 * Acknowledge: a comment and an expiry, optionally who works on it and the service-desk ticket;
 * with Alertmanager configured the server also silences the alert.
 */
export function AckDialog(props: { alert: Alert; silences: boolean; onClose: (changed: boolean) => void }) {
  const { alert, silences, onClose } = props;
  const api = useApi(monitoringApiRef);
  const [comment, setComment] = useState('');
  const [minutes, setMinutes] = useState(120);
  const [assignee, setAssignee] = useState('');
  const [ticketId, setTicketId] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.acknowledge(alert.id, {
        comment,
        expiresInMinutes: minutes,
        assignee: assignee.trim() || undefined,
        ticketId: ticketId.trim() || undefined,
      });
      onClose(true);
    } catch (e) {
      setError(describeError(e as Error));
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={() => onClose(false)} fullWidth maxWidth="sm" aria-labelledby="ack-title">
      <DialogTitle id="ack-title">Acknowledge {alert.alertname}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          {alert.summary ?? 'No summary.'}
        </Typography>
        <Typography variant="body2" paragraph>
          {silences
            ? 'Alertmanager will be silenced for this alert until the acknowledgement ends.'
            : 'Alertmanager is not configured (monitoring.alertmanager.baseUrl): notifications keep coming.'}
        </Typography>
        <TextField
          label="Comment"
          placeholder="What you are doing about it"
          value={comment}
          onChange={e => setComment(e.target.value)}
          fullWidth
          multiline
          minRows={2}
          required
          margin="normal"
          error={!!error && error.startsWith('comment')}
          inputProps={{ 'aria-label': 'Comment' }}
        />
        <TextField
          label="Assignee (optional)"
          placeholder="alice or user:default/alice"
          value={assignee}
          onChange={e => setAssignee(e.target.value)}
          fullWidth
          margin="normal"
          error={!!error && error.startsWith('assignee')}
          inputProps={{ 'aria-label': 'Assignee' }}
        />
        <TextField
          label="Service-desk ticket (optional)"
          placeholder="the ticket id, from its page's address"
          value={ticketId}
          onChange={e => setTicketId(e.target.value)}
          fullWidth
          margin="normal"
          error={!!error && error.startsWith('ticketId')}
          inputProps={{ 'aria-label': 'Service-desk ticket' }}
        />
        <TextField
          select
          label="Until"
          value={minutes}
          onChange={e => setMinutes(Number(e.target.value))}
          margin="normal"
          fullWidth
        >
          {EXPIRIES.map(e => (
            <MenuItem key={e.minutes} value={e.minutes}>
              {e.label}
            </MenuItem>
          ))}
        </TextField>
        {error && (
          <Typography color="error" role="alert">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>Cancel</Button>
        <Button color="primary" variant="contained" disabled={busy || !comment.trim()} onClick={submit}>
          Acknowledge
        </Button>
      </DialogActions>
    </Dialog>
  );
}
