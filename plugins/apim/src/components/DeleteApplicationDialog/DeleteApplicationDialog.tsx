import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import type { Application } from '@portico/plugin-apim-common';
import { apimApiRef } from '../../api';
import { ConfirmDialog } from '../ConfirmDialog';

/** Deletes an application once its name is typed again: its keys stop working at once. */
export function DeleteApplicationDialog(props: {
  application: Application;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const apimApi = useApi(apimApiRef);
  const { application, open } = props;
  const [typed, setTyped] = useState('');

  useEffect(() => {
    if (open) setTyped('');
  }, [open]);

  return (
    <ConfirmDialog
      open={open}
      title={`Delete ${application.name}?`}
      confirmLabel="Delete application"
      canConfirm={typed.trim() === application.name}
      onClose={props.onClose}
      onConfirm={async () => {
        await apimApi.deleteApplication(application.id);
        props.onDeleted();
      }}
    >
      <DialogContentText>
        All of its API keys are revoked and all of its subscriptions end, in
        every environment. Whatever calls APIs with its keys stops working at
        once. This cannot be undone.
      </DialogContentText>
      <TextField
        id="apim-delete-confirm"
        label={`Type ${application.name} to confirm`}
        value={typed}
        onChange={event => setTyped(event.target.value)}
        fullWidth
        autoComplete="off"
      />
    </ConfirmDialog>
  );
}
