import { ReactNode, useState } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { describeError } from '../../api';

/**
 * Asks before an action that cannot be undone, runs it, and keeps the dialog open with the
 * server's reason when it fails.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Extra condition for the confirm button, e.g. the name typed again. */
  canConfirm?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { open, title, children, confirmLabel, canConfirm = true } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const close = () => {
    if (busy) return;
    setError(undefined);
    props.onClose();
  };

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      setBusy(false);
      props.onClose();
    } catch (e) {
      setBusy(false);
      setError(describeError(e as Error));
    }
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby="apim-confirm-title">
      <DialogTitle id="apim-confirm-title">{title}</DialogTitle>
      <DialogContent>
        {children}
        {error && (
          <Alert severity="error" role="alert" style={{ marginTop: 16 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          Cancel
        </Button>
        <Button
          onClick={confirm}
          color="secondary"
          variant="contained"
          disabled={busy || !canConfirm}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
