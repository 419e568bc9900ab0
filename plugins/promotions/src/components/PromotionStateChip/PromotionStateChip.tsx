import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { PromotionState } from '@portico/plugin-promotions-common';

const COLORS: Record<PromotionState, { background: string; color: string }> = {
  PENDING: { background: '#fff4e5', color: '#8a4b00' },
  APPROVED: { background: '#e3f2fd', color: '#0d47a1' },
  DEPLOYING: { background: '#e8eaf6', color: '#283593' },
  DEPLOYED: { background: '#e8f5e9', color: '#1b5e20' },
  REJECTED: { background: '#f5f5f5', color: '#424242' },
  FAILED: { background: '#fdecea', color: '#b71c1c' },
};

const useStyles = makeStyles({
  chip: { fontWeight: 600, letterSpacing: 0.3 },
});

/** A request's state, coloured by what it asks of people: waiting, moving, done, failed. */
export function PromotionStateChip({ state }: { state: PromotionState }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={state}
      className={classes.chip}
      style={COLORS[state]}
      aria-label={`State ${state}`}
    />
  );
}
