import { Fragment, useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import DialogContentText from '@material-ui/core/DialogContentText';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import {
  MAX_PAGE_SIZE,
  type Application,
  type Subscription,
} from '@portico/plugin-apim-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { apimApiRef } from '../../api';
import { ENVIRONMENT_LABELS, formatDateTime, shortRef } from '../../format';
import { ConfirmDialog } from '../ConfirmDialog';
import { SubscribeDialog } from '../SubscribeDialog';
import { SubscriptionHistory } from '../SubscriptionHistory';
import { SubscriptionStateChip } from '../SubscriptionStateChip';

function SubscriptionRow(props: {
  subscription: Subscription;
  canManage: boolean;
  onUnsubscribe: (subscription: Subscription) => void;
}) {
  const { subscription: s, canManage } = props;
  const [open, setOpen] = useState(false);
  const label = `${shortRef(s.apiRef)} ${s.plan} ${s.environment}`;
  return (
    <Fragment>
      <TableRow aria-label={label}>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={
              open ? `Hide history of ${label}` : `Show history of ${label}`
            }
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          </IconButton>
        </TableCell>
        <TableCell>
          <EntityRefLink entityRef={s.apiRef} defaultKind="api" />
        </TableCell>
        <TableCell>{s.plan}</TableCell>
        <TableCell>
          {ENVIRONMENT_LABELS[s.environment] ?? s.environment}
        </TableCell>
        <TableCell>
          <SubscriptionStateChip state={s.state} />
          <Typography variant="caption" display="block" color="textSecondary">
            since{' '}
            <time dateTime={s.updatedAt}>{formatDateTime(s.updatedAt)}</time>
          </Typography>
        </TableCell>
        <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
          {canManage && (s.state === 'active' || s.state === 'pending') && (
            <Button size="small" onClick={() => props.onUnsubscribe(s)}>
              {s.state === 'pending' ? 'Withdraw' : 'Unsubscribe'}
            </Button>
          )}
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell style={{ paddingTop: 0, paddingBottom: 0 }} colSpan={6}>
          <Collapse in={open} unmountOnExit>
            <div style={{ padding: '8px 0 16px' }}>
              <SubscriptionHistory history={s.history} />
            </div>
          </Collapse>
        </TableCell>
      </TableRow>
    </Fragment>
  );
}

/** The application's subscriptions, their state and history, and the way to add one. */
export function ApplicationSubscriptions(props: {
  application: Application;
  canSubscribe: boolean;
  canManage: boolean;
}) {
  const { application, canSubscribe, canManage } = props;
  const apimApi = useApi(apimApiRef);
  const [subscribing, setSubscribing] = useState(false);
  const [ending, setEnding] = useState<Subscription>();
  const [notice, setNotice] = useState<string>();
  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      apimApi.listSubscriptions({
        applicationId: application.id,
        limit: MAX_PAGE_SIZE,
      }),
    [apimApi, application.id],
  );

  const subscribeButton = canSubscribe ? (
    <Button
      color="primary"
      variant="contained"
      startIcon={<AddIcon />}
      onClick={() => setSubscribing(true)}
    >
      Subscribe to an API
    </Button>
  ) : undefined;

  let body: JSX.Element;
  if (error) {
    body = (
      <ResponseErrorPanel
        title="Could not load the subscriptions"
        error={error}
      />
    );
  } else if (!value) {
    body = <Progress />;
  } else if (value.items.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No subscriptions yet"
        description="Subscribe the application to a plan of an API to be allowed to call it."
        action={subscribeButton}
      />
    );
  } else {
    body = (
      <>
        <Table size="small" aria-label="Subscriptions">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" />
              <TableCell>API</TableCell>
              <TableCell>Plan</TableCell>
              <TableCell>Environment</TableCell>
              <TableCell>State</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {value.items.map(subscription => (
              <SubscriptionRow
                key={subscription.id}
                subscription={subscription}
                canManage={canManage}
                onUnsubscribe={setEnding}
              />
            ))}
          </TableBody>
        </Table>
        {value.totalCount > value.items.length && (
          <Typography variant="body2" color="textSecondary">
            Showing {value.items.length} of {value.totalCount} subscriptions.
          </Typography>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Subscriptions"
      action={value && value.items.length > 0 ? subscribeButton : undefined}
    >
      {loading && value && <Progress />}
      {notice && (
        <Alert
          severity="info"
          onClose={() => setNotice(undefined)}
          style={{ marginBottom: 16 }}
        >
          {notice}
        </Alert>
      )}
      {body}
      <SubscribeDialog
        application={application}
        open={subscribing}
        onClose={() => setSubscribing(false)}
        onSubscribed={subscription => {
          setSubscribing(false);
          setNotice(
            subscription.state === 'active'
              ? `Subscribed to ${shortRef(subscription.apiRef)} (${
                  subscription.plan
                }) in ${
                  ENVIRONMENT_LABELS[subscription.environment]
                }: it is active. Create a key for that environment below to call the API.`
              : `Your request for ${shortRef(subscription.apiRef)} (${
                  subscription.plan
                }) in ${
                  ENVIRONMENT_LABELS[subscription.environment]
                } waits for the API owners' approval; you will be notified.`,
          );
          retry();
        }}
      />
      {ending && (
        <ConfirmDialog
          open
          title={`End the subscription to ${shortRef(ending.apiRef)}?`}
          confirmLabel={
            ending.state === 'pending' ? 'Withdraw request' : 'Unsubscribe'
          }
          onClose={() => setEnding(undefined)}
          onConfirm={async () => {
            await apimApi.changeSubscription(ending.id, 'revoke');
            retry();
          }}
        >
          <DialogContentText>
            {application.name} will no longer be allowed to call{' '}
            {shortRef(ending.apiRef)} in{' '}
            {ENVIRONMENT_LABELS[ending.environment]} with the {ending.plan}{' '}
            plan. Subscribing again may need the owners' approval.
          </DialogContentText>
        </ConfirmDialog>
      )}
    </InfoCard>
  );
}
