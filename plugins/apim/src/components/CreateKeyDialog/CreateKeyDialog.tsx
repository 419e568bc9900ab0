import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  createKeySchema,
  type ApimEnvironment,
  type Application,
  type IssuedApiKey,
} from '@portico/plugin-apim-common';
import { apimApiRef, fieldErrorOf } from '../../api';
import { ENVIRONMENT_LABELS } from '../../format';
import { FormDialog } from '../FormDialog';
import { fieldErrors } from '../../validation';

const EXPIRIES = [
  { value: '', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '180', label: 'In 180 days' },
  { value: '365', label: 'In a year' },
  { value: 'custom', label: 'After a number of days…' },
];

/** Creates a key for one environment, with an optional expiry. */
export function CreateKeyDialog(props: {
  application: Application;
  environment?: ApimEnvironment;
  onClose: () => void;
  onIssued: (issued: IssuedApiKey) => void;
}) {
  const apimApi = useApi(apimApiRef);
  const { application, environment } = props;
  const [expiry, setExpiry] = useState('90');
  const [customDays, setCustomDays] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (environment) {
      setExpiry('90');
      setCustomDays('');
      setErrors({});
    }
  }, [environment]);

  const submit = async () => {
    if (!environment) return;
    const days = expiry === 'custom' ? customDays.trim() : expiry;
    const request = {
      environment,
      expiresInDays: days ? Number(days) : undefined,
    };
    const problems = fieldErrors(createKeySchema.safeParse(request));
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const issued = await apimApi.createKey(application.id, request);
      setBusy(false);
      props.onIssued(issued);
    } catch (e) {
      setBusy(false);
      const { field, message } = fieldErrorOf(e as Error, [
        'expiresInDays',
        'environment',
      ]);
      setErrors({ [field === 'expiresInDays' ? field : 'form']: message });
    }
  };

  return (
    <FormDialog
      open={Boolean(environment)}
      titleId="apim-create-key-title"
      title={`New ${environment ? ENVIRONMENT_LABELS[environment] : ''} key`}
      maxWidth="xs"
      busy={busy}
      error={errors.form}
      intro={
        <>
          The key works only in {environment && ENVIRONMENT_LABELS[environment]}
          , for the APIs {application.name} is subscribed to there. You will see
          it once.
        </>
      }
      submitLabel="Create key"
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <TextField
        id="apim-key-expiry"
        select
        label="Expires"
        value={expiry}
        onChange={event => {
          setExpiry(event.target.value);
          setErrors({});
        }}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        helperText={
          expiry === ''
            ? 'A key that never expires must be rotated by hand'
            : 'The owners are told before it expires'
        }
        fullWidth
        margin="normal"
      >
        {EXPIRIES.map(option => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </TextField>
      {expiry === 'custom' && (
        <TextField
          id="apim-key-expiry-days"
          label="Days until it expires"
          type="number"
          value={customDays}
          onChange={event => {
            setCustomDays(event.target.value);
            setErrors({});
          }}
          inputProps={{ min: 1, max: 730 }}
          error={Boolean(errors.expiresInDays)}
          helperText={errors.expiresInDays ?? 'From 1 to 730 days'}
          fullWidth
          margin="normal"
        />
      )}
      {expiry !== 'custom' && errors.expiresInDays && (
        <Alert severity="error">{errors.expiresInDays}</Alert>
      )}
    </FormDialog>
  );
}
