import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { SubscriptionState } from '@portico/plugin-apim-common';

const colourOf = (theme: Theme): Record<SubscriptionState, string> => ({
  pending: theme.palette.warning.main,
  active: theme.palette.success.main,
  rejected: theme.palette.error.main,
  suspended: theme.palette.grey[600],
  revoked: theme.palette.grey[600],
});

const useStyles = makeStyles(theme => ({
  chip: (props: { state: SubscriptionState }) => ({
    backgroundColor: colourOf(theme)[props.state],
    color: theme.palette.getContrastText(colourOf(theme)[props.state]),
    fontWeight: 500,
    // The same width for every state, so that what follows lines up.
    minWidth: 84,
  }),
}));

export function SubscriptionStateChip(props: { state: SubscriptionState }) {
  const classes = useStyles(props);
  return <Chip size="small" label={props.state} className={classes.chip} />;
}
