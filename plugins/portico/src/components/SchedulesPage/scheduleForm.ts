import type {
  ScheduleCreate,
  ScheduleUpdate,
  ScheduleView,
} from '@portico/plugin-portico-common';

type ParameterValue = string | number | boolean;

/** What the schedule dialog edits, as the inputs hold it (text until submitted). */
export interface ScheduleFormValues {
  name: string;
  templateRef: string;
  trigger: 'cron' | 'interval';
  cron: string;
  intervalMinutes: string;
  owner: string;
  /** The template's parameter values as a JSON object. */
  parameters: string;
  enabled: boolean;
}

export const NEW_SCHEDULE: ScheduleFormValues = {
  name: '',
  templateRef: '',
  trigger: 'cron',
  cron: '',
  intervalMinutes: '',
  owner: '',
  parameters: '{}',
  enabled: false,
};

export function formOf(schedule: ScheduleView): ScheduleFormValues {
  return {
    name: schedule.name,
    templateRef: schedule.templateRef,
    trigger: schedule.intervalMinutes ? 'interval' : 'cron',
    cron: schedule.cron ?? '',
    intervalMinutes: schedule.intervalMinutes
      ? String(schedule.intervalMinutes)
      : '',
    owner: schedule.owner,
    parameters: JSON.stringify(schedule.parameters, null, 2),
    enabled: schedule.enabled,
  };
}

/** A mistake the form can see before asking the server, named like the server names it. */
export interface FormError {
  field: string;
  message: string;
}

type Parsed<T> =
  | { value: T; error?: undefined }
  | { value?: undefined; error: FormError };

/**
 * The parameter values, which must parse as a JSON object of scalars. The server checks names and
 * lengths; this only stops text that is not JSON at all from leaving the form.
 */
export function parseParameters(
  text: string,
): Parsed<Record<string, ParameterValue>> {
  if (!text.trim()) return { value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      error: {
        field: 'parameters',
        message: `not valid JSON (${(e as Error).message})`,
      },
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      error: {
        field: 'parameters',
        message: 'must be a JSON object such as {"severity": "HIGH"}',
      },
    };
  }
  const nested = Object.entries(value).find(
    ([, v]) => !['string', 'number', 'boolean'].includes(typeof v),
  );
  if (nested) {
    return {
      error: {
        field: 'parameters',
        message: `${nested[0]} must be text, a number or true/false`,
      },
    };
  }
  return { value: value as Record<string, ParameterValue> };
}

function triggerOf(
  form: ScheduleFormValues,
): Parsed<{ cron: string } | { intervalMinutes: number }> {
  if (form.trigger === 'cron') return { value: { cron: form.cron.trim() } };
  const text = form.intervalMinutes.trim();
  if (!/^\d+$/.test(text)) {
    return {
      error: { field: 'intervalMinutes', message: 'a whole number of minutes' },
    };
  }
  return { value: { intervalMinutes: Number(text) } };
}

/** The `POST /schedules` body; an empty owner is left to the server (the caller). */
export function createBodyOf(form: ScheduleFormValues): Parsed<ScheduleCreate> {
  const trigger = triggerOf(form);
  if (trigger.error) return { error: trigger.error };
  const parameters = parseParameters(form.parameters);
  if (parameters.error) return { error: parameters.error };
  const owner = form.owner.trim();
  return {
    value: {
      name: form.name.trim(),
      templateRef: form.templateRef,
      ...trigger.value,
      parameters: parameters.value,
      ...(owner ? { owner } : {}),
      enabled: form.enabled,
    },
  };
}

/** The `PATCH /schedules/:id` body: everything the form shows but the template, which is fixed. */
export function updateBodyOf(form: ScheduleFormValues): Parsed<ScheduleUpdate> {
  const created = createBodyOf(form);
  if (created.error) return { error: created.error };
  const { templateRef: _fixed, ...patch } = created.value;
  return { value: patch };
}
