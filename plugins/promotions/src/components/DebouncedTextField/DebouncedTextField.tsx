import { useEffect, useState } from 'react';
import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import useDebounce from 'react-use/esm/useDebounce';

/**
 * A filter field that keeps what the user types and applies it once they pause (or press
 * Enter): one request per pause, not per key, and no key lost to a slower round trip.
 */
export function DebouncedTextField(
  props: Omit<TextFieldProps, 'value' | 'onChange'> & {
    value?: string;
    onChange: (value: string | undefined) => void;
    delayMs?: number;
  },
) {
  const { value, onChange, delayMs = 400, ...rest } = props;
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const apply = () => {
    const next = draft.trim() || undefined;
    if (next !== (value || undefined)) onChange(next);
  };
  useDebounce(apply, delayMs, [draft]);
  return (
    <TextField
      {...rest}
      value={draft}
      onChange={event => setDraft(event.target.value)}
      onKeyDown={event => {
        if (event.key === 'Enter') apply();
      }}
    />
  );
}
