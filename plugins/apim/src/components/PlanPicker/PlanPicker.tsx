import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Plan } from '@portico/plugin-apim-common';
import { formatPlanLimits, planLabel } from '../../format';
import { EnvironmentChips } from '../EnvironmentChips';

const useStyles = makeStyles(theme => ({
  option: {
    alignItems: 'flex-start',
    margin: theme.spacing(0.5, 0),
    padding: theme.spacing(1),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    marginRight: 0,
  },
  selected: { borderColor: theme.palette.primary.main },
  details: { display: 'grid', rowGap: theme.spacing(0.5), paddingTop: 9 },
}));

/** The API's plans, each with what it allows, where, and whether the owners must approve. */
export function PlanPicker(props: {
  plans: Plan[];
  value: string;
  onChange: (plan: string) => void;
  error?: string;
}) {
  const classes = useStyles();
  const { plans, value, error } = props;
  return (
    <FormControl
      component="fieldset"
      error={Boolean(error)}
      margin="normal"
      fullWidth
    >
      <FormLabel component="legend">Plan</FormLabel>
      <RadioGroup
        aria-label="Plan"
        value={value}
        onChange={event => props.onChange(event.target.value)}
      >
        {plans.map(plan => (
          <FormControlLabel
            key={plan.name}
            value={plan.name}
            className={`${classes.option} ${
              value === plan.name ? classes.selected : ''
            }`}
            control={
              <Radio
                color="primary"
                inputProps={{ 'aria-label': planLabel(plan) }}
              />
            }
            label={
              <span className={classes.details}>
                <Typography variant="subtitle2" component="span">
                  {planLabel(plan)} ·{' '}
                  {plan.approval === 'auto'
                    ? 'active at once'
                    : "needs the API owners' approval"}
                </Typography>
                {plan.description && (
                  <Typography
                    variant="body2"
                    color="textSecondary"
                    component="span"
                  >
                    {plan.description}
                  </Typography>
                )}
                <Typography variant="body2" component="span">
                  {formatPlanLimits(plan)}
                </Typography>
                <EnvironmentChips environments={plan.environments} />
              </span>
            }
          />
        ))}
      </RadioGroup>
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}
