import { Link, LinkButton } from '@backstage/core-components';
import {
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import PeopleIcon from '@material-ui/icons/People';
import WarningIcon from '@material-ui/icons/Warning';
import type { ApiSummary } from '@portico/plugin-apim-common';
import { formatCount } from '../../format';
import { EnvironmentChips } from '../EnvironmentChips';
import { PlanChip } from '../PlanChip';

const useStyles = makeStyles(theme => ({
  card: { height: '100%', display: 'flex', flexDirection: 'column' },
  content: { flexGrow: 1 },
  titleRow: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  description: {
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    margin: theme.spacing(1, 0, 2),
    minHeight: '3.6em',
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    alignItems: 'center',
  },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  warning: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: theme.palette.warning.dark,
  },
  actions: { justifyContent: 'space-between', padding: theme.spacing(1, 2) },
  subscribers: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
}));

function Plans(props: { api: ApiSummary }) {
  const classes = useStyles();
  const { api } = props;
  if (api.plansError) {
    return (
      <Tooltip title={api.plansError}>
        <span className={classes.warning}>
          <WarningIcon fontSize="small" /> Plans cannot be read
        </span>
      </Tooltip>
    );
  }
  if (api.plans.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No plans yet: subscriptions are closed
      </Typography>
    );
  }
  return (
    <span className={classes.chips}>
      {api.plans.map(plan => (
        <PlanChip key={plan.name} plan={plan} />
      ))}
    </span>
  );
}

/** One API of the portal: what it is, who owns it, where it runs and how to get access. */
export function ApiCard(props: { api: ApiSummary }) {
  const classes = useStyles();
  const { api } = props;
  const entityLink = useEntityRefLink()(api.ref);
  const title = api.title ?? api.name;

  return (
    <Card
      variant="outlined"
      className={classes.card}
      component="article"
      aria-label={title}
    >
      <CardContent className={classes.content}>
        <div className={classes.titleRow}>
          <Typography variant="h6" component="h2">
            <Link to={entityLink}>{title}</Link>
          </Typography>
          {api.version && (
            <Chip size="small" label={`v${api.version}`} variant="outlined" />
          )}
          {api.lifecycle && <Chip size="small" label={api.lifecycle} />}
        </div>
        <Typography variant="caption" color="textSecondary">
          {api.name}
          {api.type ? ` · ${api.type}` : ''}
        </Typography>
        <Typography
          variant="body2"
          color={api.description ? 'textPrimary' : 'textSecondary'}
          className={classes.description}
        >
          {api.description ?? 'No description.'}
        </Typography>
        <div className={classes.facts}>
          <Typography variant="body2" color="textSecondary">
            Owner
          </Typography>
          <span>
            {api.owner ? (
              <EntityRefLink entityRef={api.owner} defaultKind="group" />
            ) : (
              '—'
            )}
          </span>
          <Typography variant="body2" color="textSecondary">
            System
          </Typography>
          <span>
            {api.system ? (
              <EntityRefLink entityRef={api.system} defaultKind="system" />
            ) : (
              '—'
            )}
          </span>
          <Typography variant="body2" color="textSecondary">
            Environments
          </Typography>
          <EnvironmentChips
            environments={api.environments}
            emptyText="No servers declared"
          />
          <Typography variant="body2" color="textSecondary">
            Plans
          </Typography>
          <Plans api={api} />
          {api.tags.length > 0 && (
            <>
              <Typography variant="body2" color="textSecondary">
                Tags
              </Typography>
              <span className={classes.chips}>
                {api.tags.map(tag => (
                  <Chip key={tag} size="small" variant="outlined" label={tag} />
                ))}
              </span>
            </>
          )}
        </div>
      </CardContent>
      <CardActions className={classes.actions}>
        <Typography variant="body2" className={classes.subscribers}>
          <PeopleIcon fontSize="small" />
          {formatCount(api.subscriberCount, 'subscriber')}
        </Typography>
        <span>
          <LinkButton to={`${entityLink}/definition`} size="small">
            Docs
          </LinkButton>
          <LinkButton
            to={`${entityLink}/try-it`}
            size="small"
            color="primary"
            disabled={api.environments.length === 0}
          >
            Try it
          </LinkButton>
        </span>
      </CardActions>
    </Card>
  );
}
