import { useCallback, useEffect, useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { identityApiRef, useApi, useRouteRef, useRouteRefParams } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  PromotionRequestDetails,
  PromotionUserAction,
} from '@portico/plugin-promotions-common';
import { promotionsApiRef } from '../../api';
import { promotionRequestRouteRef, promotionsRouteRef } from '../../routes';
import { DecisionDialog } from '../DecisionDialog';
import { DeploymentAttempts } from '../DeploymentAttempts';
import { EvidenceList } from '../EvidenceList';
import { PromotionStateChip } from '../PromotionStateChip';
import { formatDate } from '../PromotionsTable';
import { PromotionTimeline } from '../PromotionTimeline';

/** States that move without anyone clicking: the page reads the request again while in them. */
const MOVING = new Set(['APPROVED', 'DEPLOYING']);
const REFRESH_MS = 3000;

function Details({ request }: { request: PromotionRequestDetails }) {
  return (
    <InfoCard title="Request">
      <StructuredMetadataTable
        metadata={{
          Component: <EntityRefLink entityRef={request.componentRef} defaultKind="component" />,
          Version: request.version,
          ...(request.gitRef ? { 'Git ref': request.gitRef } : {}),
          Route: `${request.fromEnvironment} → ${request.toEnvironment}`,
          Tenant: request.tenant,
          'Requested by': <EntityRefLink entityRef={request.requestedBy} defaultKind="user" />,
          Requested: formatDate(request.createdAt),
          Justification: request.justification,
          'Rollback plan': request.rollbackPlan,
          'Change window': request.changeWindow
            ? `${formatDate(request.changeWindow.start)} – ${formatDate(request.changeWindow.end)}`
            : 'None',
          Approvals: `${request.approvals.length} of ${request.requiredApprovals}${
            request.approvals.length
              ? ` (${request.approvals.map(a => a.approver.replace(/^user:default\//, '')).join(', ')})`
              : ''
          }`,
          ...(request.retryUntil && request.state === 'FAILED'
            ? { 'Retry until': formatDate(request.retryUntil) }
            : {}),
        }}
      />
    </InfoCard>
  );
}

/** Why the caller sees no decision buttons: the server's rules, said plainly. */
function NoDecisionNote({ request, user }: { request: PromotionRequestDetails; user?: string }) {
  if (request.state !== 'PENDING' || request.permittedActions.length) return null;
  const own = user && request.requestedBy === user;
  return (
    <Alert severity="info">
      {own
        ? `You requested this promotion: an approver of tenant '${request.tenant}' other than you decides.`
        : `Waiting for ${request.requiredApprovals - request.approvals.length} approval(s) by cpi-tenant-${request.tenant} or cpi-admin.`}
    </Alert>
  );
}

/** One promotion request: details, decisions the caller may take, evidence, timeline, attempts. */
export function PromotionRequestPage() {
  const { id } = useRouteRefParams(promotionRequestRouteRef);
  const promotionsApi = useApi(promotionsApiRef);
  const listLink = useRouteRef(promotionsRouteRef);
  const [request, setRequest] = useState<PromotionRequestDetails>();
  const [error, setError] = useState<Error>();
  const [action, setAction] = useState<PromotionUserAction>();
  const [viewer, setViewer] = useState<string>();

  const load = useCallback(async () => {
    try {
      setRequest(await promotionsApi.getRequest(id));
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }, [promotionsApi, id]);

  useEffect(() => {
    load();
  }, [load]);

  useEffect(() => {
    if (!request || !MOVING.has(request.state)) return undefined;
    const timer = setTimeout(load, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [request, load]);

  // Who is looking, to explain why there are no buttons on their own request.
  const identityApi = useApi(identityApiRef);
  useEffect(() => {
    identityApi
      .getBackstageIdentity()
      .then(identity => setViewer(identity.userEntityRef.toLocaleLowerCase('en-US')))
      .catch(() => undefined);
  }, [identityApi]);

  const title = request
    ? `${request.componentTitle ?? request.componentRef.split('/').pop()} ${request.version}`
    : 'Promotion request';

  const confirm = async (chosen: PromotionUserAction, comment: string) => {
    const decide: Record<PromotionUserAction, () => Promise<PromotionRequestDetails>> = {
      approve: () => promotionsApi.approve(id, comment || undefined),
      reject: () => promotionsApi.reject(id, comment),
      retry: () => promotionsApi.retry(id, comment || undefined),
    };
    const updated = await decide[chosen]();
    setRequest(updated);
    setAction(undefined);
  };

  return (
    <Page themeId="tool">
      <Header
        title={`Promotion: ${title}`}
        subtitle={request ? `${request.fromEnvironment} → ${request.toEnvironment} · tenant ${request.tenant}` : undefined}
        type="Promotions"
        typeLink={listLink?.()}
      />
      <Content>
        {error && <ResponseErrorPanel error={error} />}
        {!request && !error && <Progress />}
        {request && (
          <>
            <ContentHeader
              titleComponent={
                <Box display="flex" alignItems="center" style={{ gap: 12 }}>
                  <Typography variant="h5">State</Typography>
                  <PromotionStateChip state={request.state} />
                </Box>
              }
            >
              {request.permittedActions.includes('approve') && (
                <Button variant="contained" color="primary" onClick={() => setAction('approve')}>
                  Approve
                </Button>
              )}
              {request.permittedActions.includes('reject') && (
                <Button variant="outlined" color="secondary" onClick={() => setAction('reject')} style={{ marginLeft: 8 }}>
                  Reject
                </Button>
              )}
              {request.permittedActions.includes('retry') && (
                <Button variant="contained" color="primary" onClick={() => setAction('retry')}>
                  Retry deployment
                </Button>
              )}
            </ContentHeader>
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <NoDecisionNote request={request} user={viewer} />
                {request.state === 'FAILED' && !request.permittedActions.includes('retry') && (
                  <Alert severity="warning">
                    The deployment failed. A retry is possible within the retry window; a rollback is a new request (
                    <Link to={listLink?.() ?? '/promotions'}>promotions</Link>).
                  </Alert>
                )}
              </Grid>
              <Grid item xs={12} md={6}>
                <Details request={request} />
              </Grid>
              <Grid item xs={12} md={6}>
                <Grid container spacing={3}>
                  <Grid item xs={12}>
                    <EvidenceList evidence={request.evidence} />
                  </Grid>
                  <Grid item xs={12}>
                    <PromotionTimeline timeline={request.timeline} />
                  </Grid>
                </Grid>
              </Grid>
              <Grid item xs={12}>
                <DeploymentAttempts attempts={request.attempts} />
              </Grid>
            </Grid>
            <DecisionDialog
              action={action}
              summary={`${title}, ${request.fromEnvironment} → ${request.toEnvironment}, requested by ${request.requestedBy}`}
              onClose={() => setAction(undefined)}
              onConfirm={confirm}
            />
          </>
        )}
      </Content>
    </Page>
  );
}
