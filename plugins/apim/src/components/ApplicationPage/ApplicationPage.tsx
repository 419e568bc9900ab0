import { useState } from 'react';
import {
  Content,
  EmptyState,
  Header,
  HeaderLabel,
  InfoCard,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useRouteRefParams,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { Application } from '@portico/plugin-apim-common';
import useAsync from 'react-use/esm/useAsync';
import { apimApiRef } from '../../api';
import { shortRef } from '../../format';
import { useApplicationAbilities } from '../../hooks';
import { applicationRouteRef, applicationsRouteRef } from '../../routes';
import { ApplicationAbout } from '../ApplicationAbout';
import { ApplicationKeys } from '../ApplicationKeys';
import { ApplicationSubscriptions } from '../ApplicationSubscriptions';
import { ApplicationUsage } from '../ApplicationUsage';

function useApplicationsLink(): string {
  return useRouteRef(applicationsRouteRef)?.() ?? '/applications';
}

function BackToApplications() {
  return (
    <LinkButton to={useApplicationsLink()} variant="contained" color="primary">
      Back to applications
    </LinkButton>
  );
}

function ApplicationDetails(props: {
  application: Application;
  onChanged: (application: Application) => void;
  onDeleted: () => void;
}) {
  const { application } = props;
  const abilities = useApplicationAbilities(application);
  // The server shows an application's subscriptions and keys to its owners (and portal
  // admins) only; others see what it is, and are told why they see no more.
  let ownersOnly: JSX.Element | null = null;
  if (abilities.loading) {
    ownersOnly = <Progress />;
  } else if (!abilities.canManage) {
    ownersOnly = (
      <InfoCard title="Subscriptions and keys">
        <Typography variant="body2" color="textSecondary">
          Only members of {shortRef(application.owner)} and portal admins see
          this application's subscriptions and keys.
        </Typography>
      </InfoCard>
    );
  }
  if (ownersOnly) {
    return (
      <Grid container spacing={3}>
        <Grid item xs={12} lg={4} xl={3}>
          <ApplicationAbout
            application={application}
            canManage={false}
            onChanged={props.onChanged}
            onDeleted={props.onDeleted}
          />
        </Grid>
        <Grid item xs={12} lg={8} xl={9}>
          {ownersOnly}
        </Grid>
      </Grid>
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={4} xl={3}>
        <ApplicationAbout
          application={application}
          canManage={abilities.canManage}
          onChanged={props.onChanged}
          onDeleted={props.onDeleted}
        />
      </Grid>
      <Grid item xs={12} lg={8} xl={9}>
        <ApplicationSubscriptions
          application={application}
          canSubscribe={abilities.canSubscribe}
          canManage={abilities.canManage}
        />
      </Grid>
      <Grid item xs={12}>
        <ApplicationKeys
          application={application}
          canManage={abilities.canManage}
        />
      </Grid>
      <Grid item xs={12}>
        <ApplicationUsage application={application} />
      </Grid>
    </Grid>
  );
}

/** One application: what it is, its subscriptions and its keys. */
export function ApplicationPage() {
  const { id } = useRouteRefParams(applicationRouteRef);
  const apimApi = useApi(apimApiRef);
  const [changed, setChanged] = useState<Application>();
  const [deleted, setDeleted] = useState(false);
  const { value, loading, error } = useAsync(
    () => apimApi.getApplication(id),
    [apimApi, id],
  );
  const application = changed ?? value;
  const applicationsLink = useApplicationsLink();

  let body: JSX.Element | null;
  if (deleted) {
    body = (
      <EmptyState
        missing="content"
        title="Application deleted"
        description="Its keys were revoked and its subscriptions ended."
        action={<BackToApplications />}
      />
    );
  } else if (error instanceof ResponseError && error.statusCode === 404) {
    body = (
      <EmptyState
        missing="content"
        title="No such application"
        description="It may have been deleted, or the link is wrong."
        action={<BackToApplications />}
      />
    );
  } else if (error) {
    body = (
      <ResponseErrorPanel
        title="Could not load the application"
        error={error}
      />
    );
  } else if (loading || !application) {
    body = <Progress />;
  } else {
    body = (
      <ApplicationDetails
        application={application}
        onChanged={setChanged}
        onDeleted={() => setDeleted(true)}
      />
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title={application?.name ?? 'Application'}
        subtitle={application?.description}
        type="Application"
        typeLink={applicationsLink}
      >
        {application && (
          <HeaderLabel label="Owner" value={shortRef(application.owner)} />
        )}
      </Header>
      <Content>{body}</Content>
    </Page>
  );
}
