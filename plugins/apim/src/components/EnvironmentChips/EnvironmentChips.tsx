import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { ApimEnvironment } from '@portico/plugin-apim-common';
import { ENVIRONMENT_LABELS } from '../../format';

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  // error.main (#f44336) is 3.7:1 on white, under WCAG AA's 4.5:1 for small text.
  production: {
    borderColor: theme.palette.error.main,
    color: theme.palette.type === 'dark' ? theme.palette.error.light : theme.palette.error.dark,
  },
  empty: { color: theme.palette.text.secondary },
}));

/** Environments as chips; production stands out because real money and data live there. */
export function EnvironmentChips(props: {
  environments: readonly ApimEnvironment[];
  emptyText?: string;
}) {
  const classes = useStyles();
  if (props.environments.length === 0) {
    return (
      <span className={classes.empty}>
        {props.emptyText ?? 'No environments'}
      </span>
    );
  }
  return (
    <span className={classes.root}>
      {props.environments.map(environment => (
        <Chip
          key={environment}
          size="small"
          variant="outlined"
          label={ENVIRONMENT_LABELS[environment] ?? environment}
          className={
            environment === 'production' ? classes.production : undefined
          }
        />
      ))}
    </span>
  );
}
