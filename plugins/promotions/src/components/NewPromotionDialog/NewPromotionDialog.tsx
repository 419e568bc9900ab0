import { useEffect, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import type { PromotionRequestDetails, PromotionSettingsView } from '@portico/plugin-promotions-common';
import { fieldErrorOf, promotionsApiRef } from '../../api';

interface ComponentOption {
  ref: string;
  title: string;
  tenant?: string;
}

const EMPTY = {
  version: '',
  gitRef: '',
  justification: '',
  rollbackPlan: '',
  windowStart: '',
  windowEnd: '',
};

/**
 * Files a promotion request: the component (fixed when opened from its page), the version, why
 * and how to roll back, and an optional change window. The server decides who may file it.
 */
export function NewPromotionDialog(props: {
  open: boolean;
  onClose: () => void;
  onCreated: (request: PromotionRequestDetails) => void;
  /** Preselected (and fixed) component, e.g. on the component's page. */
  componentRef?: string;
}) {
  const promotionsApi = useApi(promotionsApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [component, setComponent] = useState<ComponentOption | null>(null);
  const [fields, setFields] = useState(EMPTY);
  const [toEnvironment, setToEnvironment] = useState('');
  const [error, setError] = useState<{ field?: string; message: string }>();
  const [saving, setSaving] = useState(false);

  const options = useAsync(async (): Promise<ComponentOption[]> => {
    if (!props.open) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'component' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.annotations'],
    });
    return items
      .map(entity => ({
        ref: stringifyEntityRef(entity),
        title: entity.metadata.title ?? entity.metadata.name,
        tenant: entity.metadata.annotations?.['portico.io/tenant'],
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi, props.open]);

  const settings = useAsync(async (): Promise<PromotionSettingsView | undefined> =>
    props.open ? promotionsApi.getSettings() : undefined,
  [promotionsApi, props.open]);

  useEffect(() => {
    if (!props.open) return;
    setFields(EMPTY);
    setError(undefined);
    setComponent(null);
  }, [props.open]);

  useEffect(() => {
    if (props.componentRef && options.value) {
      setComponent(options.value.find(o => o.ref === props.componentRef) ?? { ref: props.componentRef, title: props.componentRef });
    }
  }, [props.componentRef, options.value]);

  useEffect(() => {
    const environments = settings.value?.environments;
    if (environments && !toEnvironment) setToEnvironment(environments[1]);
  }, [settings.value, toEnvironment]);

  const set = (name: keyof typeof EMPTY) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setFields(f => ({ ...f, [name]: event.target.value }));
  const errorFor = (field: string) => (error?.field === field ? error.message : undefined);
  const chain = settings.value?.environments ?? ['STAGING', 'PROD'];
  const fromEnvironment = chain[chain.indexOf(toEnvironment) - 1] ?? chain[0];
  const target = settings.value?.targets.find(t => t.environment === toEnvironment);

  const submit = async () => {
    if (!component) {
      setError({ field: 'componentRef', message: 'choose the component to promote' });
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const created = await promotionsApi.createRequest({
        componentRef: component.ref,
        version: fields.version.trim(),
        gitRef: fields.gitRef.trim() || undefined,
        fromEnvironment,
        toEnvironment: toEnvironment || undefined,
        justification: fields.justification,
        rollbackPlan: fields.rollbackPlan,
        changeWindow:
          fields.windowStart || fields.windowEnd
            ? {
                start: fields.windowStart ? new Date(fields.windowStart).toISOString() : '',
                end: fields.windowEnd ? new Date(fields.windowEnd).toISOString() : '',
              }
            : undefined,
      });
      props.onCreated(created);
    } catch (e) {
      setError(fieldErrorOf(e as Error));
    } finally {
      setSaving(false);
    }
  };

  const windowError = errorFor('changeWindow.start') ?? errorFor('changeWindow.end') ?? errorFor('changeWindow');

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="new-promotion-title">
      <DialogTitle id="new-promotion-title">Request a promotion</DialogTitle>
      <DialogContent>
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <Autocomplete<ComponentOption>
              options={options.value ?? []}
              loading={options.loading}
              value={component}
              disabled={Boolean(props.componentRef)}
              onChange={(_e, value) => setComponent(value)}
              getOptionLabel={o => o.title}
              getOptionSelected={(a, b) => a.ref === b.ref}
              renderOption={o => (
                <div>
                  {o.title}
                  <Typography variant="caption" color="textSecondary" display="block">
                    {o.ref}
                    {o.tenant ? ` · tenant ${o.tenant}` : ''}
                  </Typography>
                </div>
              )}
              renderInput={params => (
                <TextField
                  {...params}
                  label="Component"
                  required
                  error={Boolean(errorFor('componentRef'))}
                  helperText={errorFor('componentRef') ?? 'Its tenant decides who approves'}
                />
              )}
            />
          </Grid>
          <Grid item xs={6}>
            <TextField
              id="promotion-version"
              label="Version or artifact"
              required
              fullWidth
              value={fields.version}
              onChange={set('version')}
              error={Boolean(errorFor('version'))}
              helperText={errorFor('version') ?? 'e.g. 1.4.2 or registry/image:tag'}
            />
          </Grid>
          <Grid item xs={6}>
            <TextField
              id="promotion-git-ref"
              label="Git ref"
              fullWidth
              value={fields.gitRef}
              onChange={set('gitRef')}
              error={Boolean(errorFor('gitRef'))}
              helperText={errorFor('gitRef') ?? 'Optional tag or commit'}
            />
          </Grid>
          <Grid item xs={6}>
            <TextField id="promotion-from"
              label="From" fullWidth value={fromEnvironment} disabled />
          </Grid>
          <Grid item xs={6}>
            <TextField
              select
              id="promotion-to"
              label="To"
              fullWidth
              value={toEnvironment}
              onChange={e => setToEnvironment(e.target.value)}
              SelectProps={{ native: true }}
              error={Boolean(errorFor('toEnvironment'))}
              helperText={
                errorFor('toEnvironment') ??
                (target ? `${target.requiredApprovals} approver(s), ${target.executor} executor` : undefined)
              }
            >
              {chain.slice(1).map(environment => (
                <option key={environment} value={environment}>
                  {environment}
                </option>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={12}>
            <TextField
              id="promotion-justification"
              label="Justification"
              required
              fullWidth
              multiline
              minRows={2}
              value={fields.justification}
              onChange={set('justification')}
              error={Boolean(errorFor('justification'))}
              helperText={errorFor('justification') ?? 'What it brings, what was tested'}
            />
          </Grid>
          <Grid item xs={12}>
            <TextField
              id="promotion-rollback-plan"
              label="Rollback plan"
              required
              fullWidth
              multiline
              minRows={2}
              value={fields.rollbackPlan}
              onChange={set('rollbackPlan')}
              error={Boolean(errorFor('rollbackPlan'))}
              helperText={errorFor('rollbackPlan') ?? 'A rollback is a new request: say which version'}
            />
          </Grid>
          <Grid item xs={6}>
            <TextField
              id="promotion-window-start"
              label="Change window start"
              type="datetime-local"
              fullWidth
              InputLabelProps={{ shrink: true }}
              value={fields.windowStart}
              onChange={set('windowStart')}
              error={Boolean(windowError)}
              helperText={windowError ?? 'Optional'}
            />
          </Grid>
          <Grid item xs={6}>
            <TextField
              id="promotion-window-end"
              label="Change window end"
              type="datetime-local"
              fullWidth
              InputLabelProps={{ shrink: true }}
              value={fields.windowEnd}
              onChange={set('windowEnd')}
              error={Boolean(windowError)}
            />
          </Grid>
          {error && !error.field && (
            <Grid item xs={12}>
              <Alert severity="error">{error.message}</Alert>
            </Grid>
          )}
        </Grid>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={submit} disabled={saving}>
          Request promotion
        </Button>
      </DialogActions>
    </Dialog>
  );
}
