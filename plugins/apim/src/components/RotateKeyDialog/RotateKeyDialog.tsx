import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import TextField from '@material-ui/core/TextField';
import {
  rotateKeySchema,
  type ApiKeyView,
  type IssuedApiKey,
} from '@portico/plugin-apim-common';
import { apimApiRef, describeError } from '../../api';
import { ENVIRONMENT_LABELS } from '../../format';
import { FormDialog } from '../FormDialog';
import { fieldErrors } from '../../validation';

const GRACE_PERIODS = [
  { value: '', label: 'The default grace period (24 hours unless configured)' },
  { value: '0', label: 'None: the old key stops now' },
  { value: '1', label: '1 hour' },
  { value: '24', label: '24 hours' },
  { value: '72', label: '3 days' },
  { value: '168', label: '7 days' },
];

function graceNote(graceHours: number | undefined): string {
  if (graceHours === undefined) {
    return 'The previous key keeps working for the grace period (24 hours unless configured): switch your deployments to the new key before it ends.';
  }
  if (graceHours === 0) return 'The previous key no longer works.';
  return `The previous key keeps working for ${graceHours} hour${
    graceHours === 1 ? '' : 's'
  }: switch your deployments to the new key before then.`;
}

/** Replaces a key with a new one; the old one keeps working during the grace period. */
export function RotateKeyDialog(props: {
  apiKey?: ApiKeyView;
  onClose: () => void;
  onIssued: (issued: IssuedApiKey, note: string) => void;
}) {
  const apimApi = useApi(apimApiRef);
  const { apiKey } = props;
  const [grace, setGrace] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (apiKey) {
      setGrace('');
      setError(undefined);
    }
  }, [apiKey]);

  const submit = async () => {
    if (!apiKey) return;
    const request = { graceHours: grace === '' ? undefined : Number(grace) };
    const problems = fieldErrors(rotateKeySchema.safeParse(request));
    if (problems.graceHours) {
      setError(problems.graceHours);
      return;
    }
    setBusy(true);
    try {
      const issued = await apimApi.rotateKey(apiKey.id, request);
      setBusy(false);
      props.onIssued(issued, graceNote(request.graceHours));
    } catch (e) {
      setBusy(false);
      setError(describeError(e as Error));
    }
  };

  return (
    <FormDialog
      open={Boolean(apiKey)}
      titleId="apim-rotate-key-title"
      title="Rotate key"
      busy={busy}
      error={error}
      intro={
        apiKey && (
          <>
            A new {ENVIRONMENT_LABELS[apiKey.environment]} key replaces{' '}
            <code>
              {apiKey.prefix}…{apiKey.last4}
            </code>
            . Keep the old one working long enough to deploy the new one
            everywhere.
          </>
        )
      }
      submitLabel="Rotate"
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <TextField
        id="apim-rotate-grace"
        select
        label="Old key keeps working for"
        value={grace}
        onChange={event => {
          setGrace(event.target.value);
          setError(undefined);
        }}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        fullWidth
        margin="normal"
      >
        {GRACE_PERIODS.map(option => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </TextField>
    </FormDialog>
  );
}
