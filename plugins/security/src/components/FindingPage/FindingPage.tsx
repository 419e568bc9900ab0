import { useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { TriageAction } from '@portico/plugin-security-common';
import { describeError, securityApiRef } from '../../api';
import { formatDate } from '../FindingsTable';
import { SeverityChip, StateChip, stateLabel } from '../SeverityChip';
import { RiskRequestDialog } from './RiskRequestDialog';

const TRIAGE_LABELS: Record<TriageAction, string> = {
  acknowledge: 'Acknowledge',
  start: 'Start fixing',
  reopen: 'Reopen',
};

function entityLink(ref: string): string {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return `/catalog/${namespace}/${kind}/${name}`;
}

function Field({
  label,
  children,
}: {
  label: string;
  children: React.ReactNode;
}) {
  if (children === undefined || children === null || children === '')
    return null;
  return (
    <Box mb={1}>
      <Typography variant="caption" color="textSecondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

/** One finding: what, where, since when, its timeline, and the actions the server allows the caller. */
export function FindingPage() {
  const { id = '' } = useParams();
  const securityApi = useApi(securityApiRef);
  const finding = useAsyncRetry(
    () => securityApi.getFinding(id),
    [securityApi, id],
  );
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      finding.retry();
    } catch (e) {
      setError(describeError(e as Error));
    } finally {
      setBusy(false);
    }
  };

  if (finding.loading && !finding.value) return <Progress />;
  if (finding.error) {
    return (
      <Page themeId="tool">
        <Header title="Finding" />
        <Content>
          <ResponseErrorPanel error={finding.error} />
        </Content>
      </Page>
    );
  }
  const f = finding.value!;
  const pending = f.riskRequests.find(r => r.state === 'pending');
  return (
    <Page themeId="tool">
      <Header
        title={f.ruleId}
        subtitle={f.title}
        type="Security finding"
        typeLink="/security"
      />
      <Content>
        {error && (
          <Box mb={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={2}>
          <SeverityChip severity={f.severity} />
          <StateChip state={f.state} />
          {f.overdue && (
            <Typography color="error">
              Past its SLA (due {formatDate(f.dueAt)})
            </Typography>
          )}
          {f.runtimeSeenAt && (
            <Typography color="error">
              Seen at runtime {formatDate(f.runtimeSeenAt)}
            </Typography>
          )}
          <Box flexGrow={1} />
          {f.permittedActions.triage.map(action => (
            <Button
              key={action}
              variant="outlined"
              color="primary"
              disabled={busy}
              onClick={() =>
                act(() =>
                  securityApi.triage(f.id, action, { revision: f.revision }),
                )
              }
            >
              {TRIAGE_LABELS[action]}
            </Button>
          ))}
          {f.permittedActions.requestRisk && (
            <Button
              variant="outlined"
              disabled={busy}
              onClick={() => setAsking(true)}
            >
              Ask to accept the risk
            </Button>
          )}
          {f.permittedActions.fileTicket && (
            <Button
              variant="outlined"
              disabled={busy}
              onClick={() => act(() => securityApi.fileTicket(f.id))}
            >
              File ticket
            </Button>
          )}
        </Box>
        <Grid container spacing={2}>
          <Grid item xs={12} md={7}>
            <InfoCard title="Details">
              <Field label="Description">
                <span style={{ whiteSpace: 'pre-wrap' }}>{f.description}</span>
              </Field>
              <Field label="CVSS v3">{f.cvssScore}</Field>
              <Field label="Package">
                {f.pkgName
                  ? `${f.pkgName} ${f.installedVersion ?? ''}`
                  : undefined}
              </Field>
              <Field label="Fixed version">
                {f.fixedVersion ??
                  (f.kind === 'vulnerability'
                    ? 'no fix published yet'
                    : undefined)}
              </Field>
              <Field label="Target">{f.target}</Field>
              <Field label="Artifact">{f.artifact}</Field>
              <Field label="Digest">{f.digest}</Field>
              <Field label="Component">
                {f.componentRef ? (
                  <Link to={entityLink(f.componentRef)}>{f.componentRef}</Link>
                ) : (
                  'unowned: no component names this image'
                )}
              </Field>
              <Field label="Owner">{f.ownerRef}</Field>
              <Field label="Service-desk ticket">
                {f.ticket ? (
                  <>
                    <Link to={`/servicedesk/requests/${f.ticket.ticketId}`}>
                      {f.ticket.ticketId}
                    </Link>
                    {` (one for ${f.ticket.vulnerabilityId} on this component)`}
                  </>
                ) : undefined}
              </Field>
              <Field label="Seen">
                {`first ${formatDate(f.firstSeenAt)}, last ${formatDate(
                  f.lastSeenAt,
                )}, ${f.occurrences} time(s)`}
              </Field>
              <Field label="Due">{formatDate(f.dueAt)}</Field>
              <Field label="Reference">
                {f.primaryUrl ? (
                  <Link to={f.primaryUrl}>{f.primaryUrl}</Link>
                ) : undefined}
              </Field>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={5}>
            <InfoCard title="Timeline">
              <List dense aria-label="Timeline">
                {f.timeline.map((entry, i) => (
                  <ListItem key={i} disableGutters>
                    <ListItemText
                      primary={`${
                        entry.from ? `${stateLabel(entry.from)} → ` : ''
                      }${stateLabel(entry.to)} (${entry.action})`}
                      secondary={`${new Date(entry.at).toLocaleString(
                        'en-GB',
                      )} · ${entry.actor}${
                        entry.comment ? ` — ${entry.comment}` : ''
                      }`}
                      // A playbook result is several lines (snapshot, action, ticket): keep them.
                      secondaryTypographyProps={{
                        style: { whiteSpace: 'pre-line' },
                      }}
                    />
                  </ListItem>
                ))}
              </List>
            </InfoCard>
            <Box mt={2}>
              <InfoCard title="Risk requests">
                {f.riskRequests.length === 0 && (
                  <Typography variant="body2">None.</Typography>
                )}
                <List dense aria-label="Risk requests">
                  {f.riskRequests.map(r => (
                    <ListItem key={r.id} disableGutters>
                      <ListItemText
                        primary={`${
                          r.kind === 'risk_accepted'
                            ? 'Accept the risk'
                            : 'False positive'
                        } until ${formatDate(r.expiresAt)}: ${r.state}`}
                        secondary={`${r.requestedBy}: ${r.justification}${
                          r.decidedBy
                            ? ` — ${r.state} by ${r.decidedBy}${
                                r.decisionComment
                                  ? `: ${r.decisionComment}`
                                  : ''
                              }`
                            : ''
                        }`}
                      />
                    </ListItem>
                  ))}
                </List>
                {pending && f.permittedActions.decideRisk && (
                  <Box display="flex" style={{ gap: 8 }}>
                    <Button
                      variant="contained"
                      color="primary"
                      disabled={busy}
                      onClick={() =>
                        act(() => securityApi.decideRisk(pending.id, 'approve'))
                      }
                    >
                      Approve
                    </Button>
                    <Button
                      variant="outlined"
                      disabled={busy}
                      onClick={() => {
                        // eslint-disable-next-line no-alert
                        const comment = window.prompt('Why is it rejected?');
                        if (comment)
                          act(() =>
                            securityApi.decideRisk(
                              pending.id,
                              'reject',
                              comment,
                            ),
                          );
                      }}
                    >
                      Reject
                    </Button>
                  </Box>
                )}
              </InfoCard>
            </Box>
            {f.seenIn.length > 0 && (
              <Box mt={2}>
                <InfoCard title="Reported by">
                  {f.seenIn.map(scan => (
                    <Typography key={scan.scanId} variant="body2">
                      {formatDate(scan.at)}: {scan.artifact}
                    </Typography>
                  ))}
                </InfoCard>
              </Box>
            )}
          </Grid>
        </Grid>
        <RiskRequestDialog
          open={asking}
          onClose={() => setAsking(false)}
          onSubmit={async request => {
            await securityApi.requestRisk(f.id, request);
            finding.retry();
          }}
        />
      </Content>
    </Page>
  );
}
