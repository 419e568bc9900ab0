import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { DeliveryState } from '@portico/plugin-portico-common';

const useStyles = makeStyles(theme => ({
  delivered: {
    // The status green is light: white on it is 2.6:1, black 8:1 (WCAG AA wants 4.5).
    backgroundColor: theme.palette.status.ok,
    color: theme.palette.common.black,
  },
  pending: {
    // info.main (#2196f3) under white text is 3.1:1; the dark shade reads at 4.6:1 (WCAG AA).
    backgroundColor: theme.palette.info.dark,
    color: theme.palette.common.white,
  },
  failing: {
    backgroundColor: theme.palette.status.error,
    color: theme.palette.common.white,
  },
  'dead-letter': {
    backgroundColor: theme.palette.grey[900],
    color: theme.palette.common.white,
  },
}));

export function deliveryStateLabel(state: DeliveryState, attempts: number) {
  const tries = `${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;
  if (state === 'dead-letter') return `dead letter · ${tries}`;
  if (state !== 'failing') return state;
  return `failing · ${tries}`;
}

/**
 * Delivered in green, pending in blue, failing in red with the failed attempts so far, dead
 * letter (parked until retried) in black.
 */
export function DeliveryStateChip(props: {
  state: DeliveryState;
  attempts: number;
}) {
  const { state, attempts } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={classes[state]}
      label={deliveryStateLabel(state, attempts)}
    />
  );
}
