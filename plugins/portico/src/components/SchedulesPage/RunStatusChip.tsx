import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { ScheduleRunStatus } from '@portico/plugin-portico-common';

// Colours chosen for WCAG AA contrast of white text (as the events page's chips).
const useStyles = makeStyles({
  succeeded: { backgroundColor: '#1b5e20', color: '#fff' },
  failed: { backgroundColor: '#b71c1c', color: '#fff' },
  running: { backgroundColor: '#0d47a1', color: '#fff' },
  starting: { backgroundColor: '#0d47a1', color: '#fff' },
});

export function RunStatusChip(props: { status: ScheduleRunStatus }) {
  const classes = useStyles();
  return <Chip size="small" label={props.status} className={classes[props.status]} />;
}
