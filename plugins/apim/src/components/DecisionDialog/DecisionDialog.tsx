import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import TextField from '@material-ui/core/TextField';
import {
  decisionSchema,
  rejectionSchema,
  type Subscription,
} from '@portico/plugin-apim-common';
import { apimApiRef, fieldErrorOf } from '../../api';
import { ENVIRONMENT_LABELS, shortRef } from '../../format';
import { FormDialog } from '../FormDialog';
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

  const submit = async () => {
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
    <FormDialog
      open={Boolean(subscription)}
      titleId="apim-decision-title"
      title={rejecting ? 'Reject subscription' : 'Approve subscription'}
      busy={busy}
      error={errors.form}
      intro={
        subscription && (
          <>
            <strong>{subscription.applicationName}</strong> (
            {shortRef(subscription.applicationOwner)}) asks for the{' '}
            <strong>{subscription.plan}</strong> plan of{' '}
            <strong>{shortRef(subscription.apiRef)}</strong> in{' '}
            {ENVIRONMENT_LABELS[subscription.environment]}, requested by{' '}
            {shortRef(subscription.requestedBy)}.
          </>
        )
      }
      submitLabel={rejecting ? 'Reject' : 'Approve'}
      submitColor={rejecting ? 'secondary' : 'primary'}
      onSubmit={submit}
      onCancel={close}
    >
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
    </FormDialog>
  );
}
