import { FormEvent, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  decisionSchema,
  rejectionSchema,
  type Subscription,
} from '@portico/plugin-apim-common';
import { apimApiRef, fieldErrorOf } from '../../api';
import { ENVIRONMENT_LABELS, shortRef } from '../../format';
import { fieldErrors } from '../../validation';

export type Decision = 'approve' | 'reject';

/** Approves or rejects a pending subscription; a rejection says why. */
export function DecisionDialog(props: {
  subscription?: Subscription;
  decision: Decision;
  onClose: () => void;
  onDecided: (subscription: Subscription) => void;
}) {
  const apimApi = useApi(apimApiRef);
  const { subscription, decision } = props;
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ comment?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const rejecting = decision === 'reject';

  const close = () => {
    if (busy) return;
    setComment('');
    setErrors({});
    props.onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!subscription) return;
    const problems = fieldErrors(
      rejecting
        ? rejectionSchema.safeParse({ comment })
        : decisionSchema.safeParse({ comment: comment.trim() || undefined }),
    );
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const decided = rejecting
        ? await apimApi.rejectSubscription(subscription.id, comment)
        : await apimApi.changeSubscription(subscription.id, 'approve', comment);
      setBusy(false);
      setComment('');
      props.onDecided(decided);
    } catch (e) {
      setBusy(false);
      const { field, message } = fieldErrorOf(e as Error, ['comment']);
      setErrors({ [field ?? 'form']: message });
    }
  };

  return (
    <Dialog
      open={Boolean(subscription)}
      onClose={close}
      aria-labelledby="apim-decision-title"
      maxWidth="sm"
      fullWidth
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="apim-decision-title">
          {rejecting ? 'Reject subscription' : 'Approve subscription'}
        </DialogTitle>
        {subscription && (
          <DialogContent>
            <DialogContentText>
              <strong>{subscription.applicationName}</strong> (
              {shortRef(subscription.applicationOwner)}) asks for the{' '}
              <strong>{subscription.plan}</strong> plan of{' '}
              <strong>{shortRef(subscription.apiRef)}</strong> in{' '}
              {ENVIRONMENT_LABELS[subscription.environment]}, requested by{' '}
              {shortRef(subscription.requestedBy)}.
            </DialogContentText>
            {errors.form && (
              <Alert severity="error" role="alert">
                {errors.form}
              </Alert>
            )}
            <TextField
              id="apim-decision-comment"
              label={rejecting ? 'Why is it rejected?' : 'Comment (optional)'}
              value={comment}
              onChange={event => {
                setComment(event.target.value);
                setErrors({});
              }}
              error={Boolean(errors.comment)}
              helperText={
                errors.comment ??
                (rejecting
                  ? 'The requester reads this: say what would make you approve'
                  : 'Sent to the requester with the approval')
              }
              required={rejecting}
              multiline
              minRows={3}
              fullWidth
              margin="normal"
            />
          </DialogContent>
        )}
        <DialogActions>
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={rejecting ? 'secondary' : 'primary'}
            disabled={busy}
            startIcon={busy ? <CircularProgress size={16} /> : undefined}
          >
            {rejecting ? 'Reject' : 'Approve'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
