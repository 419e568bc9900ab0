import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { SubscriptionTransition } from '@portico/plugin-apim-common';
import { formatDateTime, shortRef } from '../../format';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  item: { marginBottom: theme.spacing(0.5) },
  comment: {
    fontStyle: 'italic',
    whiteSpace: 'pre-wrap',
    color: theme.palette.text.secondary,
  },
}));

/** Who moved a subscription from which state to which, when and why. */
export function SubscriptionHistory(props: {
  history: SubscriptionTransition[];
}) {
  const classes = useStyles();
  if (props.history.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No history yet.
      </Typography>
    );
  }
  return (
    <ol className={classes.list} aria-label="Subscription history">
      {props.history.map((transition, index) => (
        <li key={index} className={classes.item}>
          <Typography variant="body2">
            {transition.from
              ? `${transition.from} → ${transition.to}`
              : `requested (${transition.to})`}{' '}
            by {shortRef(transition.actor)} ·{' '}
            <time dateTime={transition.at}>
              {formatDateTime(transition.at)}
            </time>
          </Typography>
          {transition.comment && (
            <Typography variant="body2" className={classes.comment}>
              “{transition.comment}”
            </Typography>
          )}
        </li>
      ))}
    </ol>
  );
}
