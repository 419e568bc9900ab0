import TextField from '@material-ui/core/TextField';
import { fromDateTimeLocal, toDateTimeLocal } from './dateTimeLocal';
import { filterId } from './filterId';

/** One end of the time range, in the browser's time zone; holds an ISO time. */
export function DateTimeFilter(props: {
  label: string;
  value?: string;
  onChange: (value: string | undefined) => void;
}) {
  const { label, value, onChange } = props;
  return (
    <TextField
      id={filterId(label)}
      fullWidth
      size="small"
      variant="outlined"
      type="datetime-local"
      label={label}
      value={toDateTimeLocal(value)}
      onChange={event => onChange(fromDateTimeLocal(event.target.value))}
      InputLabelProps={{ shrink: true }}
    />
  );
}
