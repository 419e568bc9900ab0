import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  updateApplicationSchema,
  type ApimEnvironment,
  type Application,
} from '@portico/plugin-apim-common';
import { apimApiRef, fieldErrorOf } from '../../api';
import { fieldErrors } from '../../validation';
import { EnvironmentCheckboxes } from '../EnvironmentCheckboxes';
import { FormDialog } from '../FormDialog';

const FIELDS = ['description', 'environments'] as const;

/** Changes an application's description and environments (its name and owner stay). */
export function EditApplicationDialog(props: {
  application: Application;
  open: boolean;
  onClose: () => void;
  onSaved: (application: Application) => void;
}) {
  const apimApi = useApi(apimApiRef);
  const { application, open } = props;
  const [description, setDescription] = useState(application.description ?? '');
  const [environments, setEnvironments] = useState<ApimEnvironment[]>(
    application.environments,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setDescription(application.description ?? '');
      setEnvironments(application.environments);
      setErrors({});
    }
  }, [open, application]);

  const submit = async () => {
    const request = { description: description.trim(), environments };
    const problems = fieldErrors(updateApplicationSchema.safeParse(request));
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const saved = await apimApi.updateApplication(application.id, request);
      setBusy(false);
      props.onSaved(saved);
    } catch (e) {
      setBusy(false);
      const { field, message } = fieldErrorOf(e as Error, FIELDS);
      setErrors({ [field ?? 'form']: message });
    }
  };

  const removed = application.environments.filter(
    e => !environments.includes(e),
  );

  return (
    <FormDialog
      open={open}
      titleId="apim-edit-application-title"
      title={`Edit ${application.name}`}
      busy={busy}
      error={errors.form}
      submitLabel="Save"
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <TextField
        id="apim-edit-description"
        label="Description"
        value={description}
        onChange={event => {
          setDescription(event.target.value);
          setErrors({});
        }}
        error={Boolean(errors.description)}
        helperText={errors.description}
        fullWidth
        multiline
        minRows={2}
        margin="normal"
      />
      <EnvironmentCheckboxes
        value={environments}
        onChange={value => {
          setEnvironments(value);
          setErrors({});
        }}
        error={errors.environments}
      />
      {removed.length > 0 && (
        <Alert severity="warning">
          Removing {removed.join(', ')} may end the subscriptions and keys the
          application has there, if the server allows it.
        </Alert>
      )}
    </FormDialog>
  );
}
