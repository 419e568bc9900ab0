import { useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import type { PromotionUserAction } from '@portico/plugin-promotions-common';
import { describeError } from '../../api';

const TEXT: Record<PromotionUserAction, { title: string; button: string; help: string }> = {
  approve: { title: 'Approve the promotion', button: 'Approve', help: 'Optional: what you checked' },
  reject: { title: 'Reject the promotion', button: 'Reject', help: 'Required: why, for the requester' },
  retry: { title: 'Retry the deployment', button: 'Retry', help: 'Optional: what changed since it failed' },
};

/** Asks for the comment of a decision (required for a rejection) and shows the server's refusal if any. */
export function DecisionDialog(props: {
  action?: PromotionUserAction;
  summary: string;
  onClose: () => void;
  onConfirm: (action: PromotionUserAction, comment: string) => Promise<void>;
}) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setComment('');
    setError(undefined);
  }, [props.action]);
  if (!props.action) return null;
  const action = props.action;
  const text = TEXT[action];
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm(action, comment.trim());
    } catch (e) {
      setError(describeError(e as Error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="decision-title">
      <DialogTitle id="decision-title">{text.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{props.summary}</DialogContentText>
        <TextField
          id="decision-comment"
          label="Comment"
          fullWidth
          multiline
          minRows={2}
          required={action === 'reject'}
          value={comment}
          onChange={e => setComment(e.target.value)}
          helperText={text.help}
        />
        {error && (
          <Alert severity="error" style={{ marginTop: 16 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color={action === 'reject' ? 'secondary' : 'primary'}
          variant="contained"
          onClick={confirm}
          disabled={busy || (action === 'reject' && !comment.trim())}
        >
          {text.button}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
