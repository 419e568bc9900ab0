import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  SCHEDULABLE_ANNOTATION,
  ScheduleView,
} from '@portico/plugin-portico-common';
import { fieldErrorOf, porticoSchedulesApiRef } from '../../api';
import { describeTrigger } from './describeTrigger';
import {
  createBodyOf,
  formOf,
  FormError,
  NEW_SCHEDULE,
  ScheduleFormValues,
  updateBodyOf,
} from './scheduleForm';
import { useSchedulableTemplates } from './useSchedulableTemplates';

/** The inputs a server error can point at; any other field is shown above the buttons. */
const FIELDS = [
  'name',
  'templateRef',
  'cron',
  'intervalMinutes',
  'owner',
  'parameters',
  'enabled',
] as const;
type Field = (typeof FIELDS)[number];

function inputOf(field: string): Field | undefined {
  const top = field.split('.')[0];
  return (FIELDS as readonly string[]).includes(top)
    ? (top as Field)
    : undefined;
}

/**
 * Creates a schedule (`schedule` absent) or changes one. The server checks everything again
 * (the template's annotation, that the caller can run it, the cron); its refusals show here.
 */
export function ScheduleDialog(props: {
  open: boolean;
  schedule?: ScheduleView;
  onClose: () => void;
  onSaved: (schedule: ScheduleView) => void;
}) {
  const { open, schedule, onClose, onSaved } = props;
  const api = useApi(porticoSchedulesApiRef);
  const creating = !schedule;
  const { templates, error: templatesError } = useSchedulableTemplates(
    open && creating,
  );
  const [form, setForm] = useState<ScheduleFormValues>(NEW_SCHEDULE);
  const [error, setError] = useState<
    FormError | { field?: undefined; message: string }
  >();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setForm(schedule ? formOf(schedule) : NEW_SCHEDULE);
    setError(undefined);
  }, [open, schedule]);

  const set = <K extends keyof ScheduleFormValues>(
    key: K,
    value: ScheduleFormValues[K],
  ) => setForm(f => ({ ...f, [key]: value }));
  /** The inputs whose value is the text typed. */
  const text =
    (
      key:
        | 'name'
        | 'templateRef'
        | 'cron'
        | 'intervalMinutes'
        | 'owner'
        | 'parameters',
    ) =>
    (event: React.ChangeEvent<HTMLInputElement>) =>
      set(key, event.target.value);
  const errorFor = (field: Field) =>
    error?.field && inputOf(error.field) === field ? error.message : undefined;
  const template = templates?.find(t => t.ref === form.templateRef);

  const request = ():
    | { error: FormError }
    | { send: () => Promise<ScheduleView> } => {
    if (schedule) {
      const patch = updateBodyOf(form);
      return patch.error
        ? { error: patch.error }
        : { send: () => api.updateSchedule(schedule.id, patch.value) };
    }
    const body = createBodyOf(form);
    return body.error
      ? { error: body.error }
      : { send: () => api.createSchedule(body.value) };
  };

  const submit = async () => {
    const ready = request();
    if ('error' in ready) {
      setError(ready.error);
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      onSaved(await ready.send());
    } catch (e) {
      const refusal = fieldErrorOf(e as Error);
      // A field the form has no input for (say `body`) is shown whole, with its name.
      setError(
        refusal.field && !inputOf(refusal.field)
          ? { message: `${refusal.field}: ${refusal.message}` }
          : refusal,
      );
    } finally {
      setSaving(false);
    }
  };

  const templateHelp = () => {
    if (errorFor('templateRef')) return errorFor('templateRef');
    if (templatesError)
      return `The catalog did not answer: ${templatesError.message}`;
    if (!templates) return 'Loading the templates you may schedule…';
    if (templates.length === 0) {
      return `No template you can read is annotated ${SCHEDULABLE_ANNOTATION}: "true"`;
    }
    return (
      template?.description ??
      `Templates annotated ${SCHEDULABLE_ANNOTATION}: "true" that you can run`
    );
  };
  const cronPreview = /^\s*\S+(\s+\S+){4}\s*$/.test(form.cron)
    ? describeTrigger({ cron: form.cron.trim() })
    : undefined;
  const parametersHelp =
    errorFor('parameters') ??
    (template?.parameterNames.length
      ? `A JSON object. ${
          template.title
        } asks for: ${template.parameterNames.join(', ')} (* required)`
      : 'A JSON object of text, numbers and true/false, e.g. {"severity": "HIGH"}. Never secrets: admins read them back.');

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="schedule-dialog-title"
    >
      <DialogTitle id="schedule-dialog-title">
        {creating ? 'New schedule' : `Edit ${schedule.name}`}
      </DialogTitle>
      <DialogContent>
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <TextField
              id="schedule-name"
              label="Name"
              required
              fullWidth
              value={form.name}
              onChange={text('name')}
              error={Boolean(errorFor('name'))}
              helperText={
                errorFor('name') ??
                'Unique; shown in the list and in failure notices'
              }
            />
          </Grid>
          <Grid item xs={12}>
            {creating ? (
              <TextField
                id="schedule-template"
                select
                label="Template"
                required
                fullWidth
                value={form.templateRef}
                onChange={text('templateRef')}
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
                error={Boolean(errorFor('templateRef') || templatesError)}
                helperText={templateHelp()}
              >
                <option value="">Choose a template</option>
                {(templates ?? []).map(t => (
                  <option key={t.ref} value={t.ref}>
                    {t.title} ({t.ref})
                  </option>
                ))}
              </TextField>
            ) : (
              <TextField
                id="schedule-template"
                label="Template"
                fullWidth
                disabled
                value={form.templateRef}
                error={Boolean(errorFor('templateRef'))}
                helperText={
                  errorFor('templateRef') ??
                  'A schedule keeps its template: create another schedule for another one'
                }
              />
            )}
          </Grid>
          <Grid item xs={12} sm={4}>
            <TextField
              id="schedule-trigger"
              select
              label="Runs"
              fullWidth
              value={form.trigger}
              onChange={event =>
                set(
                  'trigger',
                  event.target.value === 'interval' ? 'interval' : 'cron',
                )
              }
              SelectProps={{ native: true }}
            >
              <option value="cron">on a cron (UTC)</option>
              <option value="interval">every N minutes</option>
            </TextField>
          </Grid>
          <Grid item xs={12} sm={8}>
            {form.trigger === 'cron' ? (
              <TextField
                id="schedule-cron"
                label="Cron expression"
                required
                fullWidth
                placeholder="0 6 * * *"
                value={form.cron}
                onChange={text('cron')}
                inputProps={{ style: { fontFamily: 'monospace' } }}
                error={Boolean(errorFor('cron'))}
                helperText={
                  errorFor('cron') ??
                  cronPreview ??
                  'minute hour day-of-month month day-of-week, in UTC'
                }
              />
            ) : (
              <TextField
                id="schedule-interval"
                label="Interval in minutes"
                required
                fullWidth
                type="number"
                inputProps={{ min: 5, step: 5 }}
                value={form.intervalMinutes}
                onChange={text('intervalMinutes')}
                error={Boolean(errorFor('intervalMinutes'))}
                helperText={
                  errorFor('intervalMinutes') ??
                  'From 5 minutes to 31 days (44640)'
                }
              />
            )}
          </Grid>
          <Grid item xs={12}>
            <TextField
              id="schedule-owner"
              label="Owner"
              fullWidth
              placeholder="group:default/security"
              value={form.owner}
              onChange={text('owner')}
              error={Boolean(errorFor('owner'))}
              helperText={
                errorFor('owner') ??
                'The user or group told when a run fails; you when left empty'
              }
            />
          </Grid>
          <Grid item xs={12}>
            <TextField
              id="schedule-parameters"
              label="Parameter values (JSON)"
              fullWidth
              multiline
              minRows={4}
              maxRows={12}
              variant="outlined"
              value={form.parameters}
              onChange={text('parameters')}
              inputProps={{
                style: { fontFamily: 'monospace' },
                spellCheck: false,
              }}
              error={Boolean(errorFor('parameters'))}
              helperText={parametersHelp}
            />
          </Grid>
          <Grid item xs={12}>
            <FormControlLabel
              control={
                <Switch
                  checked={form.enabled}
                  onChange={event => set('enabled', event.target.checked)}
                  color="primary"
                />
              }
              label="Enabled"
            />
            <FormHelperText error={Boolean(errorFor('enabled'))}>
              {errorFor('enabled') ??
                // The runner's reason for a pause is what an admin opening the form needs to fix.
                (schedule?.pausedReason && !form.enabled
                  ? `${schedule.pausedReason}. Enabling it clears the pause.`
                  : 'Runs with the portal\u2019s authority, vouched for by you; a paused schedule runs only with Run now')}
            </FormHelperText>
          </Grid>
          {error && !error.field && (
            <Grid item xs={12}>
              <Typography role="alert" color="error" variant="body2">
                {error.message}
              </Typography>
            </Grid>
          )}
        </Grid>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={saving}
        >
          {creating ? 'Create schedule' : 'Save changes'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
