import TextField from '@material-ui/core/TextField';
import { filterId } from './filterId';

/** A native select with an "All" choice that clears the filter. */
export function FilterSelect(props: {
  label: string;
  value?: string;
  options: readonly string[];
  onChange: (value: string | undefined) => void;
}) {
  const { label, value, options, onChange } = props;
  return (
    <TextField
      id={filterId(label)}
      select
      fullWidth
      size="small"
      variant="outlined"
      label={label}
      value={value ?? ''}
      onChange={event => onChange(event.target.value || undefined)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">All</option>
      {options.map(option => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </TextField>
  );
}
