import { FormEvent, ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';

export type DialogFormProps = {
  busy: boolean;
  /** What went wrong with the form as a whole (a field's error goes beside the field). */
  error?: string;
  /** Text above the fields that says what the form does. */
  intro?: ReactNode;
  submitLabel: ReactNode;
  submitColor?: 'primary' | 'secondary';
  submitDisabled?: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children?: ReactNode;
};

/**
 * The form inside a dialog: intro, form error, fields, then Cancel and a submit button that
 * shows progress. Nothing can be sent twice or cancelled while a request runs.
 */
export function DialogForm(props: DialogFormProps) {
  const { busy, error, intro } = props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) props.onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <DialogContent>
        {intro && <DialogContentText>{intro}</DialogContentText>}
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        {props.children}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="contained"
          color={props.submitColor ?? 'primary'}
          disabled={busy || props.submitDisabled}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {props.submitLabel}
        </Button>
      </DialogActions>
    </form>
  );
}

/** A dialog that is one form, titled; it cannot be dismissed while its request runs. */
export function FormDialog(
  props: DialogFormProps & {
    open: boolean;
    /** The title's element id, which labels the dialog. */
    titleId: string;
    title: ReactNode;
    maxWidth?: 'xs' | 'sm' | 'md';
  },
) {
  const { open, titleId, title, maxWidth, ...form } = props;
  return (
    <Dialog
      open={open}
      onClose={form.busy ? undefined : form.onCancel}
      aria-labelledby={titleId}
      maxWidth={maxWidth ?? 'sm'}
      fullWidth
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogForm {...form} />
    </Dialog>
  );
}
