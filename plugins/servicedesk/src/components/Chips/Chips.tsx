import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import {
  Priority,
  RequestStatus,
  SlaView,
  STATUS_LABELS,
} from '@portico/plugin-servicedesk-common';
import { slaLabel } from '../../format';

const useStyles = makeStyles(theme => ({
  good: { backgroundColor: theme.palette.success.light, color: theme.palette.success.contrastText },
  warn: { backgroundColor: theme.palette.warning.light },
  bad: { backgroundColor: theme.palette.error.main, color: theme.palette.error.contrastText },
  info: { backgroundColor: theme.palette.info.light, color: theme.palette.info.contrastText },
  plain: {},
}));

const STATUS_TONE: Record<RequestStatus, 'good' | 'warn' | 'bad' | 'info' | 'plain'> = {
  new: 'info',
  in_progress: 'info',
  waiting_on_requester: 'warn',
  resolved: 'good',
  closed: 'plain',
  cancelled: 'plain',
  failed: 'bad',
};

export function StatusChip({ status }: { status: RequestStatus }) {
  const classes = useStyles();
  return <Chip size="small" label={STATUS_LABELS[status]} className={classes[STATUS_TONE[status]]} />;
}

const PRIORITY_TONE: Record<Priority, 'good' | 'warn' | 'bad' | 'info' | 'plain'> = {
  low: 'plain',
  medium: 'info',
  high: 'warn',
  critical: 'bad',
};

export function PriorityChip({ priority }: { priority: Priority }) {
  const classes = useStyles();
  return <Chip size="small" variant="outlined" label={priority} className={classes[PRIORITY_TONE[priority]]} />;
}

const MET_TONE: Record<string, 'good' | 'bad'> = { true: 'good', false: 'bad' };

/** Time left, overdue, paused, or met/missed once resolved. */
export function SlaChip({ sla, resolved }: { sla: SlaView; resolved: boolean }) {
  const classes = useStyles();
  let tone: 'good' | 'warn' | 'bad' | 'plain' = 'good';
  if (resolved) tone = sla.met === undefined ? 'plain' : MET_TONE[String(sla.met)];
  else if (sla.remainingMs < 0) tone = 'bad';
  else if (sla.paused) tone = 'plain';
  else if (sla.remainingMs < sla.hours * 3_600_000 * 0.25) tone = 'warn';
  return <Chip size="small" label={slaLabel(sla, resolved)} className={classes[tone]} />;
}
