import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  MAX_PAGE_SIZE,
  apimAdminPermission,
  apimSubscriptionDecidePermission,
  readPlans,
  type Plan,
} from '@portico/plugin-apim-common';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { apimApiRef, isForbidden } from '../../api';
import { ownersOf, sameRef } from '../../entity';
import { formatCount } from '../../format';
import { useMyGroups } from '../../hooks';
import { applicationsRouteRef } from '../../routes';
import { ApiSubscriptionsTable } from '../ApiSubscriptionsTable';
import { PlansTable } from '../PlansTable';
import { ExportOpenapi30 } from '../ExportOpenapi30';
import { ApiUsagePanel } from '../ApiUsagePanel';

/** The plans part: the portal's reading of them, or the annotation itself when the portal is down. */
function Plans(props: { plans: Plan[]; plansError?: string }) {
  if (props.plansError) {
    return (
      <Alert severity="error" role="alert">
        <strong>The plans of this API cannot be read</strong>, so nobody can
        subscribe until its owners fix the <code>portico.io/plans</code>{' '}
        annotation: {props.plansError}
      </Alert>
    );
  }
  if (props.plans.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No plans: subscriptions are closed. Owners open them with the{' '}
        <code>portico.io/plans</code> annotation of this entity.
      </Typography>
    );
  }
  return <PlansTable plans={props.plans} />;
}

/** On an API's page: its plans, and who is subscribed (the applications, for its owners). */
export function PlansCard() {
  const { entity } = useEntity();
  const apiRef = stringifyEntityRef(entity);
  const apimApi = useApi(apimApiRef);
  const applicationsLink =
    useRouteRef(applicationsRouteRef)?.() ?? '/applications';
  const { groups } = useMyGroups();
  const admin = usePermission({ permission: apimAdminPermission });
  const decide = usePermission({
    permission: apimSubscriptionDecidePermission,
  });
  const details = useAsync(() => apimApi.getApi(apiRef), [apimApi, apiRef]);
  const subscriptions = useAsyncRetry(
    () => apimApi.listSubscriptions({ apiRef, limit: MAX_PAGE_SIZE }),
    [apimApi, apiRef],
  );

  const owners = ownersOf(entity);
  const isOwner =
    admin.allowed || groups.some(g => owners.some(o => sameRef(o, g)));
  // Without the portal, the annotation still tells which plans exist.
  const fallback = details.error
    ? readPlans(entity.metadata.annotations)
    : undefined;
  const plans = details.value?.plans ?? fallback?.plans ?? [];
  const plansError = details.value ? details.value.plansError : fallback?.error;

  const mine = (subscriptions.value?.items ?? []).filter(s =>
    groups.some(g => sameRef(g, s.applicationOwner)),
  );
  const activeCount =
    details.value?.subscriberCount ??
    subscriptions.value?.items.filter(s => s.state === 'active').length;

  return (
    <InfoCard
      title="Plans & subscriptions"
      subheader={
        activeCount === undefined
          ? undefined
          : formatCount(activeCount, 'active subscription')
      }
      deepLink={{ title: 'Subscribe an application', link: applicationsLink }}
    >
      {details.loading && <Progress />}
      {details.error && (
        <Box mb={2}>
          <Alert severity="warning">
            The portal could not be reached ({details.error.message}); the plans
            below are read from the entity itself.
          </Alert>
        </Box>
      )}
      {!details.loading && <Plans plans={plans} plansError={plansError} />}
      {details.value?.definitionType === 'openapi' && !details.value.definitionError && (
        <Box mt={2}>
          <ExportOpenapi30 apiRef={details.value.ref} />
        </Box>
      )}
      <Box my={2}>
        <Divider />
      </Box>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {isOwner
          ? 'Subscribed applications'
          : "Your applications' subscriptions"}
      </Typography>
      {subscriptions.loading && !subscriptions.value && <Progress />}
      {subscriptions.error && !isForbidden(subscriptions.error) && (
        <ResponseErrorPanel
          title="Could not load the subscriptions"
          error={subscriptions.error}
        />
      )}
      {subscriptions.error && isForbidden(subscriptions.error) && (
        <Typography variant="body2" color="textSecondary">
          Only the API's owners see which applications are subscribed.
        </Typography>
      )}
      {subscriptions.value && (isOwner || mine.length > 0) && (
        <ApiSubscriptionsTable
          subscriptions={isOwner ? subscriptions.value.items : mine}
          canDecide={isOwner && decide.allowed}
          onDecided={subscriptions.retry}
        />
      )}
      {subscriptions.value && !isOwner && mine.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          None of your applications is subscribed to this API.
        </Typography>
      )}
      {isOwner && (
        <>
          <Box my={2}>
            <Divider />
          </Box>
          <ApiUsagePanel apiRef={apiRef} apiName={entity.metadata.name} />
        </>
      )}
    </InfoCard>
  );
}
