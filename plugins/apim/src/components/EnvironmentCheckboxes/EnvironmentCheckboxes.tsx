import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import {
  ENVIRONMENTS,
  type ApimEnvironment,
} from '@portico/plugin-apim-common';
import { ENVIRONMENT_LABELS } from '../../format';

/** Picks environments, always in the platform's order. */
export function EnvironmentCheckboxes(props: {
  value: ApimEnvironment[];
  onChange: (value: ApimEnvironment[]) => void;
  error?: string;
  helperText?: string;
  disabled?: boolean;
}) {
  const { value, onChange, error } = props;
  const toggle = (environment: ApimEnvironment, checked: boolean) =>
    onChange(
      ENVIRONMENTS.filter(e =>
        e === environment ? checked : value.includes(e),
      ),
    );
  return (
    <FormControl component="fieldset" error={Boolean(error)} margin="normal">
      <FormLabel component="legend">Environments</FormLabel>
      <FormGroup row>
        {ENVIRONMENTS.map(environment => (
          <FormControlLabel
            key={environment}
            label={ENVIRONMENT_LABELS[environment]}
            control={
              <Checkbox
                checked={value.includes(environment)}
                disabled={props.disabled}
                onChange={event => toggle(environment, event.target.checked)}
                color="primary"
              />
            }
          />
        ))}
      </FormGroup>
      <FormHelperText>{error ?? props.helperText}</FormHelperText>
    </FormControl>
  );
}
