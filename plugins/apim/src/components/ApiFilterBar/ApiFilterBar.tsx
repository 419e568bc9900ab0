import { useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import useDebounce from 'react-use/esm/useDebounce';
import type { ApiFacetName, ApiFacets } from '../../hooks';
import { shortRef } from '../../format';

export type ApiFilters = Partial<Record<ApiFacetName | 'search', string>>;

const FACETS: Array<{ name: ApiFacetName; label: string }> = [
  { name: 'owner', label: 'Owner' },
  { name: 'system', label: 'System' },
  { name: 'lifecycle', label: 'Lifecycle' },
  { name: 'type', label: 'Type' },
  { name: 'tag', label: 'Tag' },
];

function FacetField(props: {
  name: ApiFacetName;
  label: string;
  value: string;
  options?: string[];
  onChange: (value: string) => void;
}) {
  const { name, label, value, options, onChange } = props;
  const id = `apim-filter-${name}`;
  if (!options) {
    // The catalog could not list the values: let the user type one.
    return (
      <TextField
        id={id}
        label={label}
        value={value}
        fullWidth
        variant="outlined"
        size="small"
        onChange={event => onChange(event.target.value)}
      />
    );
  }
  return (
    <TextField
      id={id}
      select
      label={label}
      value={value}
      fullWidth
      variant="outlined"
      size="small"
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      onChange={event => onChange(event.target.value)}
    >
      <option value="">Any</option>
      {options.map(option => (
        <option key={option} value={option}>
          {name === 'owner' ? shortRef(option) : option}
        </option>
      ))}
    </TextField>
  );
}

/** The search box and the catalog filters of the API Portal. */
export function ApiFilterBar(props: {
  filters: ApiFilters;
  facets?: ApiFacets;
  onChange: (filters: ApiFilters) => void;
}) {
  const { filters, facets, onChange } = props;
  const [search, setSearch] = useState(filters.search ?? '');

  useEffect(() => setSearch(filters.search ?? ''), [filters.search]);
  // One request when the user stops typing, not one per key.
  useDebounce(
    () => {
      if (search.trim() !== (filters.search ?? '')) {
        onChange({ ...filters, search: search.trim() || undefined });
      }
    },
    300,
    [search],
  );

  const active = Object.values(filters).some(Boolean);
  // On paper, as the events page's filters: the outlined fields' grey labels are too faint on
  // the page's grey background (4.47:1, under WCAG AA's 4.5:1).
  return (
    <Paper variant="outlined" style={{ padding: 16 }}>
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={4}>
        <TextField
          id="apim-filter-search"
          label="Search APIs"
          placeholder="Name, title, description"
          value={search}
          fullWidth
          variant="outlined"
          size="small"
          onChange={event => setSearch(event.target.value)}
          onKeyDown={event => {
            if (event.key === 'Enter') {
              onChange({ ...filters, search: search.trim() || undefined });
            }
          }}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          }}
        />
      </Grid>
      {FACETS.map(facet => (
        <Grid item xs={6} sm={4} md key={facet.name}>
          <FacetField
            name={facet.name}
            label={facet.label}
            value={filters[facet.name] ?? ''}
            options={facets?.[facet.name]}
            onChange={value =>
              onChange({ ...filters, [facet.name]: value || undefined })
            }
          />
        </Grid>
      ))}
      <Grid item xs="auto">
        <Button
          disabled={!active}
          onClick={() => {
            setSearch('');
            onChange({});
          }}
        >
          Clear
        </Button>
      </Grid>
    </Grid>
    </Paper>
  );
}
