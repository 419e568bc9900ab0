import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import useDebounce from 'react-use/esm/useDebounce';
import {
  FINDING_STATES,
  SCANNERS,
  SEVERITIES,
  type FindingState,
  type Severity,
} from '@portico/plugin-security-common';
import { stateLabel } from '../SeverityChip';
import type { FindingFilters } from './useFindingFilters';

/** A text field that applies its value after a pause in typing (the URL is written once). */
function SearchField(props: {
  label: string;
  value?: string;
  onChange: (value?: string) => void;
  width: number;
}) {
  const [text, setText] = useState(props.value ?? '');
  useEffect(() => setText(props.value ?? ''), [props.value]);
  useDebounce(
    () => {
      if ((props.value ?? '') !== text.trim())
        props.onChange(text.trim() || undefined);
    },
    400,
    [text],
  );
  return (
    <TextField
      id={`security-filter-${props.label.replace(/[^a-z]+/gi, '-').toLowerCase()}`}
      label={props.label}
      value={text}
      onChange={e => setText(e.target.value)}
      size="small"
      variant="outlined"
      style={{ width: props.width }}
    />
  );
}

export function FindingFiltersBar(props: {
  filters: FindingFilters;
  onChange: (next: Partial<FindingFilters>) => void;
  hideComponent?: boolean;
}) {
  const { filters, onChange, hideComponent } = props;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 12 }}
      mb={2}
      // On paper: the fields' grey labels are 4.47:1 on the page's grey (WCAG AA wants 4.5:1).
      bgcolor="background.paper"
      p={1.5}
    >
      <TextField
        select
        label="Severity"
        size="small"
        variant="outlined"
        style={{ width: 200 }}
        SelectProps={{
          multiple: true,
          renderValue: v =>
            (v as string[]).length ? (v as string[]).join(', ') : 'All',
        }}
        InputLabelProps={{ shrink: true }}
        value={filters.severity}
        onChange={e =>
          onChange({ severity: e.target.value as unknown as Severity[] })
        }
      >
        {SEVERITIES.map(s => (
          <MenuItem key={s} value={s}>
            {s}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="State"
        size="small"
        variant="outlined"
        style={{ width: 220 }}
        SelectProps={{
          multiple: true,
          renderValue: v =>
            (v as FindingState[]).length
              ? (v as FindingState[]).map(stateLabel).join(', ')
              : 'Active (open, acknowledged, in progress)',
          displayEmpty: true,
        }}
        InputLabelProps={{ shrink: true }}
        value={filters.state}
        onChange={e =>
          onChange({ state: e.target.value as unknown as FindingState[] })
        }
      >
        {FINDING_STATES.map(s => (
          <MenuItem key={s} value={s}>
            {stateLabel(s)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="Scanner"
        size="small"
        variant="outlined"
        style={{ width: 130 }}
        value={filters.scanner ?? ''}
        onChange={e =>
          onChange({
            scanner: (e.target.value || undefined) as FindingFilters['scanner'],
          })
        }
      >
        <MenuItem value="">All</MenuItem>
        {SCANNERS.map(s => (
          <MenuItem key={s} value={s}>
            {s}
          </MenuItem>
        ))}
      </TextField>
      {!hideComponent && (
        <SearchField
          label="Component (component:default/…)"
          value={filters.componentRef}
          onChange={componentRef => onChange({ componentRef })}
          width={260}
        />
      )}
      <SearchField
        label="CVE, package or title"
        value={filters.q}
        onChange={q => onChange({ q })}
        width={220}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={filters.overdue}
            onChange={e => onChange({ overdue: e.target.checked })}
          />
        }
        label="Overdue"
      />
      {!hideComponent && (
        <FormControlLabel
          control={
            <Checkbox
              checked={filters.unowned}
              onChange={e => onChange({ unowned: e.target.checked })}
            />
          }
          label="Unowned"
        />
      )}
    </Box>
  );
}
