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
}));

export function deliveryStateLabel(state: DeliveryState, attempts: number) {
  if (state !== 'failing') {
    return state;
  }
  return `failing · ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;
}

/** Delivered in green, pending in blue, failing in red with the failed attempts so far. */
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
