import { useEffect, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import { filterId } from './filterId';

/**
 * A free-text filter that applies when the operator presses Enter or leaves the field,
 * not at every key stroke (each change is a request to the server).
 */
export function FilterTextField(props: {
  label: string;
  value?: string;
  placeholder?: string;
  onChange: (value: string | undefined) => void;
}) {
  const { label, value, placeholder, onChange } = props;
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);

  const apply = () => {
    const next = draft.trim() || undefined;
    if (next !== value) {
      onChange(next);
    }
  };

  return (
    <TextField
      id={filterId(label)}
      fullWidth
      size="small"
      variant="outlined"
      label={label}
      placeholder={placeholder}
      value={draft}
      onChange={event => setDraft(event.target.value)}
      onBlur={apply}
      onKeyDown={event => {
        if (event.key === 'Enter') {
          apply();
        }
      }}
      InputLabelProps={{ shrink: true }}
    />
  );
}
