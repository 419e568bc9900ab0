import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { PromotionTransition } from '@portico/plugin-promotions-common';
import { formatDate } from '../PromotionsTable';
import { PromotionStateChip } from '../PromotionStateChip';

const LABELS: Record<PromotionTransition['action'], string> = {
  create: 'Requested',
  approve: 'Approved',
  reject: 'Rejected',
  deploy: 'Deployment started',
  succeed: 'Deployed',
  fail: 'Deployment failed',
  retry: 'Deployment retried',
  expire: 'Expired (change window closed)',
};

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  entry: {
    position: 'relative',
    paddingLeft: theme.spacing(3),
    paddingBottom: theme.spacing(2),
    borderLeft: `2px solid ${theme.palette.divider}`,
    marginLeft: theme.spacing(1),
    '&:last-child': { borderLeftColor: 'transparent', paddingBottom: 0 },
    '&::before': {
      content: '""',
      position: 'absolute',
      left: -7,
      top: 2,
      width: 12,
      height: 12,
      borderRadius: '50%',
      background: theme.palette.primary.main,
    },
  },
  comment: {
    marginTop: theme.spacing(0.5),
    padding: theme.spacing(1),
    background: theme.palette.background.default,
    borderRadius: 4,
    whiteSpace: 'pre-wrap',
  },
}));

function Actor({ actor }: { actor: string }) {
  return actor.startsWith('user:') ? (
    <EntityRefLink entityRef={actor} defaultKind="user" hideIcon />
  ) : (
    <span>{actor}</span>
  );
}

/** Every transition of the request, oldest first: who, when, from, to, why. */
export function PromotionTimeline({ timeline }: { timeline: PromotionTransition[] }) {
  const classes = useStyles();
  return (
    <InfoCard title="Timeline">
      <ol className={classes.list} aria-label="Timeline">
        {timeline.map((entry, index) => (
          <li key={index} className={classes.entry}>
            <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
              <Typography variant="subtitle2">{LABELS[entry.action]}</Typography>
              {entry.from && <PromotionStateChip state={entry.from} />}
              {entry.from && <span aria-hidden>→</span>}
              <PromotionStateChip state={entry.to} />
            </Box>
            <Typography variant="body2" color="textSecondary">
              by <Actor actor={entry.actor} /> · {formatDate(entry.at)}
            </Typography>
            {entry.comment && (
              <Typography variant="body2" className={classes.comment}>
                {entry.comment}
              </Typography>
            )}
          </li>
        ))}
      </ol>
    </InfoCard>
  );
}
