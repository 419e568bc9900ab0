import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { ResourceDetail } from '@portico/plugin-lifecycle-common';
import { formatDate } from '../format';

/** Extend by whole days with a reason; the server refuses past created-at + 30 days. */
export function ExtendDialog(props: {
  resource: ResourceDetail;
  onClose: () => void;
  onExtend: (days: number, reason: string) => Promise<void>;
}) {
  const { resource, onClose, onExtend } = props;
  const [days, setDays] = useState('7');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onExtend(Number(days), reason.trim());
      onClose();
    } catch (e: any) {
      setError(e?.body?.error?.message ?? e?.message ?? String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="extend-title">
      <DialogTitle id="extend-title">Extend {resource.title ?? resource.entityRef}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          Expires {formatDate(resource.expiresAt)}; it may live until {formatDate(resource.maxExpiresAt)} at most.
        </Typography>
        <TextField
          label="Days"
          type="number"
          value={days}
          onChange={e => setDays(e.target.value)}
          inputProps={{ min: 1, max: 30 }}
          fullWidth
          margin="dense"
        />
        <TextField
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          helperText="Why it is still needed (on the timeline)"
          fullWidth
          margin="dense"
          multiline
        />
        {error && (
          <Typography color="error" variant="body2" role="alert">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="primary" variant="contained" disabled={busy || reason.trim().length < 3} onClick={submit}>
          Extend
        </Button>
      </DialogActions>
    </Dialog>
  );
}
