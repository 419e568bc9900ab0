import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  MAX_PAGE_SIZE,
  type Application,
  type Subscription,
} from '@portico/plugin-apim-common';
import useAsync from 'react-use/esm/useAsync';
import { apimApiRef } from '../../api';
import { ownersOf } from '../../entity';
import { ENVIRONMENT_LABELS, shortRef } from '../../format';
import { useApplicationLink } from '../../hooks';
import { applicationsRouteRef } from '../../routes';
import { EnvironmentChips } from '../EnvironmentChips';
import { SubscriptionStateChip } from '../SubscriptionStateChip';

const SHOWN = 25;

const useStyles = makeStyles(theme => ({
  item: { display: 'block', paddingLeft: 0, paddingRight: 0 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  subscriptions: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(1),
  },
  subscription: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/** The group whose applications the card lists: the group itself, or a component's owner. */
function groupOf(
  entity: ReturnType<typeof useEntity>['entity'],
): string | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    return stringifyEntityRef(entity);
  }
  return ownersOf(entity).find(ref =>
    ref.toLocaleLowerCase('en-US').startsWith('group:'),
  );
}

function ApplicationItem(props: {
  application: Application;
  subscriptions: Subscription[];
}) {
  const classes = useStyles();
  const applicationLink = useApplicationLink();
  const { application, subscriptions } = props;
  return (
    <ListItem divider className={classes.item} aria-label={application.name}>
      <div className={classes.header}>
        <Link to={applicationLink(application.id)}>
          <strong>{application.name}</strong>
        </Link>
        <EnvironmentChips environments={application.environments} />
      </div>
      {application.description && (
        <Typography variant="body2" color="textSecondary">
          {application.description}
        </Typography>
      )}
      <div className={classes.subscriptions}>
        {subscriptions.length === 0 ? (
          <Typography variant="caption" color="textSecondary">
            Not subscribed to any API yet
          </Typography>
        ) : (
          subscriptions.map(s => (
            <span key={s.id} className={classes.subscription}>
              <SubscriptionStateChip state={s.state} />
              <Typography variant="body2">
                {shortRef(s.apiRef)} · {s.plan} ·{' '}
                {ENVIRONMENT_LABELS[s.environment]}
              </Typography>
            </span>
          ))
        )}
      </div>
    </ListItem>
  );
}

/** On a component's or group's page: the applications of the (owner) group and their subscriptions. */
export function ApplicationsCard() {
  const { entity } = useEntity();
  const apimApi = useApi(apimApiRef);
  const applicationsLink =
    useRouteRef(applicationsRouteRef)?.() ?? '/applications';
  const group = groupOf(entity);
  const { value, loading, error } = useAsync(async () => {
    if (!group) return undefined;
    const applications = await apimApi.listApplications({
      owner: group,
      limit: SHOWN,
    });
    const subscriptions = await Promise.all(
      applications.items.map(application =>
        apimApi
          .listSubscriptions({
            applicationId: application.id,
            limit: MAX_PAGE_SIZE,
          })
          .then(page => page.items),
      ),
    );
    return { applications, subscriptions };
  }, [apimApi, group]);

  let body: JSX.Element;
  if (!group) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Applications belong to groups, and this{' '}
        {entity.kind.toLocaleLowerCase('en-US')} has no owner group.
      </Typography>
    );
  } else if (error) {
    body = (
      <ResponseErrorPanel
        title="Could not load the applications"
        error={error}
      />
    );
  } else if (loading || !value) {
    body = <Progress />;
  } else if (value.applications.items.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {shortRef(group)} has no application yet.{' '}
        {/* Underlined: in grey text, colour alone does not mark a link (WCAG 1.4.1). */}
        <Link to={applicationsLink} underline="always">
          Create one
        </Link>{' '}
        to call APIs.
      </Typography>
    );
  } else {
    body = (
      <>
        <List dense disablePadding>
          {value.applications.items.map((application, index) => (
            <ApplicationItem
              key={application.id}
              application={application}
              subscriptions={value.subscriptions[index]}
            />
          ))}
        </List>
        {value.applications.totalCount > value.applications.items.length && (
          <Typography variant="caption" color="textSecondary">
            {value.applications.items.length} of {value.applications.totalCount}{' '}
            applications shown.
          </Typography>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Applications"
      subheader={group ? `Owned by ${shortRef(group)}` : undefined}
      deepLink={{ title: 'All applications', link: applicationsLink }}
    >
      {body}
    </InfoCard>
  );
}
