import { useEffect, useState } from 'react';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import useDebounce from 'react-use/esm/useDebounce';
import { ENVIRONMENTS } from '@portico/plugin-lifecycle-common';

export interface FilterValues {
  owner?: string;
  project?: string;
  costCenter?: string;
  environment?: string;
}

/** A text filter applied once typing pauses (the URL is the only copy of the value). */
function FilterField(props: { id: string; label: string; value?: string; onChange: (value?: string) => void }) {
  const { id, label, value, onChange } = props;
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  useDebounce(
    () => {
      const next = draft.trim() || undefined;
      if (next !== (value || undefined)) onChange(next);
    },
    400,
    [draft],
  );
  return (
    <TextField
      id={id}
      fullWidth
      variant="outlined"
      size="small"
      label={label}
      value={draft}
      onChange={event => setDraft(event.target.value)}
    />
  );
}

/** Owner, project, cost centre and environment filters, kept in the URL by the page. */
export function ResourceFilters(props: { values: FilterValues; onChange: (next: FilterValues) => void }) {
  const { values, onChange } = props;
  const set = (field: keyof FilterValues) => (value?: string) => onChange({ ...values, [field]: value });
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={3}>
        <FilterField id="lifecycle-filter-owner" label="Owner (group ref)" value={values.owner} onChange={set('owner')} />
      </Grid>
      <Grid item xs={12} sm={3}>
        <FilterField id="lifecycle-filter-project" label="Project" value={values.project} onChange={set('project')} />
      </Grid>
      <Grid item xs={12} sm={3}>
        <FilterField id="lifecycle-filter-costCenter" label="Cost centre" value={values.costCenter} onChange={set('costCenter')} />
      </Grid>
      <Grid item xs={12} sm={3}>
        <TextField
          id="lifecycle-filter-environment"
          select
          fullWidth
          variant="outlined"
          size="small"
          label="Environment"
          value={values.environment ?? ''}
          onChange={event => set('environment')(event.target.value || undefined)}
          SelectProps={{ inputProps: { 'aria-label': 'Environment' } }}
        >
          <MenuItem value="">Any</MenuItem>
          {ENVIRONMENTS.map(env => (
            <MenuItem key={env} value={env}>
              {env}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
    </Grid>
  );
}
