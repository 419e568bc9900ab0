import { useEffect, useState } from 'react';
import { LinkButton } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  createApplicationSchema,
  type ApimEnvironment,
  type Application,
} from '@portico/plugin-apim-common';
import { apimApiRef, fieldErrorOf } from '../../api';
import { shortRef } from '../../format';
import { useApplicationLink, useMyGroups } from '../../hooks';
import { fieldErrors } from '../../validation';
import { EnvironmentCheckboxes } from '../EnvironmentCheckboxes';
import { DialogForm } from '../FormDialog';

const FIELDS = ['name', 'description', 'owner', 'environments'] as const;
type Field = (typeof FIELDS)[number];

interface Draft {
  name: string;
  description: string;
  owner: string;
  environments: ApimEnvironment[];
}

const emptyDraft = (owner = ''): Draft => ({
  name: '',
  description: '',
  owner,
  environments: ['sandbox'],
});

function toRequest(draft: Draft) {
  return {
    name: draft.name.trim(),
    description: draft.description.trim() || undefined,
    owner: draft.owner || undefined,
    environments: draft.environments,
  };
}

/** Creates an application owned by one of the caller's groups, checked as the server checks it. */
export function CreateApplicationDialog(props: {
  open: boolean;
  onClose: () => void;
  onCreated: (application: Application) => void;
}) {
  const apimApi = useApi(apimApiRef);
  const applicationLink = useApplicationLink();
  const { groups, loading: loadingGroups } = useMyGroups();
  const [draft, setDraft] = useState<Draft>(emptyDraft());
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>(
    {},
  );
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Application>();

  // With a single group there is nothing to choose.
  useEffect(() => {
    if (!draft.owner && groups.length === 1) {
      setDraft(d => ({ ...d, owner: groups[0] }));
    }
  }, [groups, draft.owner]);

  const change = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft(d => ({ ...d, [field]: value }));
    setErrors(e => ({ ...e, [field]: undefined, form: undefined }));
  };

  const close = () => {
    if (busy) return;
    setDraft(emptyDraft(groups.length === 1 ? groups[0] : ''));
    setErrors({});
    setCreated(undefined);
    props.onClose();
  };

  const submit = async () => {
    const parsed = createApplicationSchema.safeParse(toRequest(draft));
    setErrors(fieldErrors(parsed));
    if (!parsed.success) return;
    setBusy(true);
    try {
      const application = await apimApi.createApplication(parsed.data);
      setCreated(application);
      props.onCreated(application);
    } catch (e) {
      const { field, message } = fieldErrorOf(e as Error, FIELDS);
      setErrors({ [field ?? 'form']: message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={close}
      aria-labelledby="apim-create-application-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="apim-create-application-title">
        {created ? 'Application created' : 'New application'}
      </DialogTitle>
      {created ? (
        <>
          <DialogContent>
            <Alert severity="success">
              <strong>{created.name}</strong> belongs to{' '}
              {shortRef(created.owner)}. Next: subscribe it to an API plan, then
              create a key for each environment.
            </Alert>
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>Close</Button>
            <LinkButton
              to={applicationLink(created.id)}
              variant="contained"
              color="primary"
            >
              Open {created.name}
            </LinkButton>
          </DialogActions>
        </>
      ) : (
        <DialogForm
          busy={busy}
          error={errors.form}
          submitLabel="Create"
          onSubmit={submit}
          onCancel={close}
        >
          {!loadingGroups && groups.length === 0 && (
            <Alert severity="info">
              Applications belong to a group, and you are in none. Ask a portal
              admin to add you to your team's group.
            </Alert>
          )}
          <TextField
            id="apim-application-name"
            label="Name"
            value={draft.name}
            onChange={event => change('name', event.target.value)}
            error={Boolean(errors.name)}
            helperText={
              errors.name ??
              'Lowercase letters, digits and dashes, 3 to 63 characters, e.g. checkout-web'
            }
            required
            fullWidth
            margin="normal"
          />
          <TextField
            id="apim-application-description"
            label="Description"
            value={draft.description}
            onChange={event => change('description', event.target.value)}
            error={Boolean(errors.description)}
            helperText={errors.description ?? 'What calls the APIs, and why'}
            fullWidth
            multiline
            minRows={2}
            margin="normal"
          />
          <TextField
            id="apim-application-owner"
            select
            label="Owner group"
            value={draft.owner}
            onChange={event => change('owner', event.target.value)}
            error={Boolean(errors.owner)}
            helperText={
              errors.owner ??
              'Its members manage the application, its subscriptions and keys'
            }
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            required
            fullWidth
            margin="normal"
            disabled={groups.length === 0}
          >
            <option value="" disabled>
              {loadingGroups
                ? 'Loading your groups…'
                : 'Pick one of your groups'}
            </option>
            {groups.map(group => (
              <option key={group} value={group}>
                {shortRef(group)}
              </option>
            ))}
          </TextField>
          <EnvironmentCheckboxes
            value={draft.environments}
            onChange={value => change('environments', value)}
            error={errors.environments}
            helperText="Where the application will call APIs; each environment gets its own keys"
          />
        </DialogForm>
      )}
    </Dialog>
  );
}
