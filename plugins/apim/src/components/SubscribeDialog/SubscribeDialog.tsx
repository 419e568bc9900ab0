import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  createSubscriptionSchema,
  type ApiSummary,
  type ApimEnvironment,
  type Application,
  type Subscription,
} from '@portico/plugin-apim-common';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { apimApiRef, fieldErrorOf } from '../../api';
import { ENVIRONMENT_LABELS } from '../../format';
import { fieldErrors } from '../../validation';
import { FormDialog } from '../FormDialog';
import { PlanPicker } from '../PlanPicker';

const FIELDS = ['apiRef', 'plan', 'environment'] as const;

/** Where the application may use the plan: the plan's, the application's and the API's environments. */
function environmentsFor(
  application: Application,
  api: ApiSummary | null,
  planName: string,
): ApimEnvironment[] {
  const plan = api?.plans.find(p => p.name === planName);
  if (!api || !plan) return [];
  return plan.environments.filter(
    environment =>
      application.environments.includes(environment) &&
      (api.environments.length === 0 || api.environments.includes(environment)),
  );
}

/** Subscribes an application to an API's plan in one environment. */
export function SubscribeDialog(props: {
  application: Application;
  open: boolean;
  onClose: () => void;
  onSubscribed: (subscription: Subscription) => void;
}) {
  const apimApi = useApi(apimApiRef);
  const { application, open } = props;
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  const [api, setApi] = useState<ApiSummary | null>(null);
  const [plan, setPlan] = useState('');
  const [environment, setEnvironment] = useState<ApimEnvironment | ''>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useDebounce(() => setSearch(input), 300, [input]);
  const apis = useAsync(
    async () =>
      open ? (await apimApi.listApis({ search, limit: 20 })).items : [],
    [apimApi, search, open],
  );

  useEffect(() => {
    if (open) {
      setApi(null);
      setPlan('');
      setEnvironment('');
      setErrors({});
      setInput('');
    }
  }, [open]);

  const environments = useMemo(
    () => environmentsFor(application, api, plan),
    [application, api, plan],
  );
  useEffect(() => {
    setEnvironment(current => {
      if (current && environments.includes(current)) return current;
      // With one possible environment there is nothing to choose.
      return environments.length === 1 ? environments[0] : '';
    });
  }, [environments]);

  const submit = async () => {
    const request = {
      applicationId: application.id,
      apiRef: api?.ref ?? '',
      plan,
      environment,
    };
    let problems: Record<string, string>;
    if (!api) problems = { apiRef: 'pick an API' };
    else if (!plan) problems = { plan: 'pick a plan' };
    else if (!environment) problems = { environment: 'pick an environment' };
    else problems = fieldErrors(createSubscriptionSchema.safeParse(request));
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const subscription = await apimApi.createSubscription(
        createSubscriptionSchema.parse(request),
      );
      setBusy(false);
      props.onSubscribed(subscription);
    } catch (e) {
      setBusy(false);
      const { field, message } = fieldErrorOf(e as Error, FIELDS);
      setErrors({ [field ?? 'form']: message });
    }
  };

  const chosenPlan = api?.plans.find(p => p.name === plan);

  return (
    <FormDialog
      open={open}
      titleId="apim-subscribe-title"
      title={`Subscribe ${application.name} to an API`}
      busy={busy}
      error={errors.form}
      submitLabel={
        chosenPlan?.approval === 'manual' ? 'Request access' : 'Subscribe'
      }
      submitDisabled={!api || Boolean(api.plansError) || api.plans.length === 0}
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <Autocomplete<ApiSummary>
        options={apis.value ?? []}
        loading={apis.loading}
        value={api}
        filterOptions={options => options}
        getOptionLabel={option => option.title ?? option.name}
        getOptionSelected={(option, selected) => option.ref === selected.ref}
        renderOption={option => (
          <span>
            <strong>{option.title ?? option.name}</strong>
            <br />
            <small>
              {option.ref} · {option.plans.length} plan
              {option.plans.length === 1 ? '' : 's'}
            </small>
          </span>
        )}
        onInputChange={(_event, value) => setInput(value)}
        onChange={(_event, value) => {
          setApi(value);
          setPlan(value?.plans.length === 1 ? value.plans[0].name : '');
          setErrors({});
        }}
        noOptionsText={
          apis.error ? 'Could not load the APIs' : 'No API matches'
        }
        renderInput={params => (
          <TextField
            {...params}
            id="apim-subscribe-api"
            label="API"
            placeholder="Search by name"
            margin="normal"
            required
            error={Boolean(errors.apiRef)}
            helperText={errors.apiRef}
          />
        )}
      />
      {api?.plansError && (
        <Alert severity="error">
          This API's plans cannot be read, so nobody can subscribe to it until
          its owners fix them: {api.plansError}
        </Alert>
      )}
      {api && !api.plansError && api.plans.length === 0 && (
        <Alert severity="info">
          This API offers no plan yet: its owners have not opened subscriptions.
        </Alert>
      )}
      {api && api.plans.length > 0 && (
        <PlanPicker
          plans={api.plans}
          value={plan}
          onChange={value => {
            setPlan(value);
            setErrors({});
          }}
          error={errors.plan}
        />
      )}
      {chosenPlan && environments.length === 0 && (
        <Alert severity="warning">
          The {chosenPlan.title ?? chosenPlan.name} plan is offered in{' '}
          {chosenPlan.environments.join(', ')}, and {application.name} uses{' '}
          {application.environments.join(', ')}: there is no environment in
          common. Pick another plan, or add an environment to the application.
        </Alert>
      )}
      {chosenPlan && environments.length > 0 && (
        <TextField
          id="apim-subscribe-environment"
          select
          label="Environment"
          value={environment}
          onChange={event => {
            setEnvironment(event.target.value as ApimEnvironment);
            setErrors({});
          }}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          error={Boolean(errors.environment)}
          helperText={
            errors.environment ??
            (chosenPlan.approval === 'manual'
              ? "The request waits for the API owners' approval"
              : 'The subscription is active at once')
          }
          required
          fullWidth
          margin="normal"
        >
          <option value="" disabled>
            Pick an environment
          </option>
          {environments.map(e => (
            <option key={e} value={e}>
              {ENVIRONMENT_LABELS[e]}
            </option>
          ))}
        </TextField>
      )}
    </FormDialog>
  );
}
