import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { DeliveryState } from '@portico/plugin-portico-common';

const useStyles = makeStyles(theme => ({
  delivered: {
    backgroundColor: theme.palette.status.ok,
    color: theme.palette.common.white,
  },
  pending: {
    backgroundColor: theme.palette.info.main,
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
