import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Checkbox from '@material-ui/core/Checkbox';
import Divider from '@material-ui/core/Divider';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi, useRouteRef, useRouteRefParams } from '@backstage/frontend-plugin-api';
import { ServiceRequest, STATUS_LABELS, RequestStatus } from '@portico/plugin-servicedesk-common';
import { servicedeskApiRef } from '../../api';
import { formatDuration, formatTime, shortRef } from '../../format';
import { requestRouteRef, servicedeskRouteRef } from '../../routes';
import { PriorityChip, SlaChip, StatusChip } from '../Chips/Chips';
import { OneTimeSecret } from '../OneTimeSecret/OneTimeSecret';

const RESOLVED = ['resolved', 'closed', 'cancelled'];
const PAUSE_LABELS = { automation: 'automation running', waiting_on_requester: 'waiting on requester' };

/** The task's output: its scalar values, and its links (the template's `output.links`). */
function TaskOutput({ output }: { output: Record<string, unknown> }) {
  const values = Object.fromEntries(
    Object.entries(output).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)),
  );
  const links = Array.isArray(output.links) ? (output.links as Array<{ title?: string; url?: string }>) : [];
  return (
    <Box mt={1}>
      {Object.keys(values).length > 0 && <StructuredMetadataTable dense metadata={values} />}
      {links
        .filter(l => l.url)
        .map(l => (
          <Typography variant="body2" key={l.url}>
            <Link to={l.url!}>{l.title ?? l.url}</Link>
          </Typography>
        ))}
    </Box>
  );
}

function Automation({ request }: { request: ServiceRequest }) {
  if (request.actions.length === 0) return null;
  return (
    <InfoCard title="Automation">
      {request.actions.map(action => (
        <Box key={action.id} mb={1} data-testid="automation">
          <Typography variant="body2">
            <b>{action.templateRef}</b> — {action.status === 'running' ? 'running…' : action.status}
            {action.taskLogPath && (
              <>
                {' · '}
                <Link to={action.taskLogPath}>task log</Link>
              </>
            )}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            Started {formatTime(action.executedAt)} as {shortRef(action.executedBy)}
            {action.finishedAt ? `, ended ${formatTime(action.finishedAt)}` : ''}
          </Typography>
          {action.errorMessage && (
            <Box mt={1}>
              <Alert severity="error">{action.errorMessage}</Alert>
            </Box>
          )}
          {action.result && <TaskOutput output={action.result} />}
        </Box>
      ))}
    </InfoCard>
  );
}

function Sla({ request }: { request: ServiceRequest }) {
  const { sla } = request;
  return (
    <InfoCard title="SLA">
      <Box mb={1}>
        <SlaChip sla={sla} resolved={RESOLVED.includes(request.status)} />
      </Box>
      <Typography variant="body2">
        {sla.hours} h · due {formatTime(sla.dueAt)}
        {sla.breachedAt ? ` · breached ${formatTime(sla.breachedAt)}` : ''}
      </Typography>
      {sla.pauses.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2">Clock paused</Typography>
          {sla.pauses.map((p, i) => (
            <Typography variant="body2" key={i}>
              {PAUSE_LABELS[p.reason]}: {formatTime(p.startedAt)} → {p.endedAt ? formatTime(p.endedAt) : 'now'}
              {p.endedAt ? ` (${formatDuration(Date.parse(p.endedAt) - Date.parse(p.startedAt))})` : ''}
            </Typography>
          ))}
        </Box>
      )}
    </InfoCard>
  );
}

function Activity({ request, onChange }: { request: ServiceRequest; onChange: (r: ServiceRequest) => void }) {
  const api = useApi(servicedeskApiRef);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string>();
  const entries = [
    ...request.comments.map(c => ({ at: c.createdAt, key: c.id, node: (
      <Box key={c.id} p={1.5} mb={1} borderRadius={4} bgcolor={c.visibility === 'internal' ? 'rgba(255,193,7,0.15)' : 'rgba(0,0,0,0.04)'} data-testid="comment">
        <Typography variant="caption" color="textSecondary">
          {shortRef(c.author)} · {formatTime(c.createdAt)} {c.visibility === 'internal' ? '· internal' : ''}
        </Typography>
        <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Typography>
      </Box>
    ) })),
    ...request.history.map((h, i) => ({ at: h.at, key: `h${i}`, node: (
      <Typography key={`h${i}`} variant="caption" component="div" color="textSecondary" style={{ margin: '4px 0 8px' }}>
        {formatTime(h.at)} · {shortRef(h.actor)}: {h.fromStatus && h.fromStatus !== h.toStatus ? `${STATUS_LABELS[h.fromStatus]} → ` : ''}
        {h.fromStatus === h.toStatus ? '' : STATUS_LABELS[h.toStatus]}
        {h.note ? `${h.fromStatus === h.toStatus ? '' : ' — '}${h.note}` : ''}
      </Typography>
    ) })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  const send = async () => {
    setError(undefined);
    try {
      onChange(await api.comment(request.ticketId, { body, visibility: internal ? 'internal' : 'public' }));
      setBody('');
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <InfoCard title="Activity">
      {entries.map(e => e.node)}
      {request.can.comment && (
        <Box mt={2}>
          <Divider />
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            id="servicedesk-comment"
            label="Add a comment"
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            value={body}
            onChange={e => setBody(e.target.value)}
          />
          <Box display="flex" justifyContent="space-between" alignItems="center">
            {request.can.commentInternal ? (
              <FormControlLabel
                control={<Checkbox checked={internal} onChange={e => setInternal(e.target.checked)} />}
                label="Internal (agents only)"
              />
            ) : (
              <span />
            )}
            <Button variant="outlined" color="primary" disabled={!body.trim()} onClick={send}>
              Comment
            </Button>
          </Box>
        </Box>
      )}
    </InfoCard>
  );
}

function AgentActions({ request, onChange }: { request: ServiceRequest; onChange: (r: ServiceRequest) => void }) {
  const api = useApi(servicedeskApiRef);
  const teams = useAsyncRetry(() => (request.can.work ? api.listTeams() : Promise.resolve([])), [api, request.can.work]);
  const [status, setStatus] = useState<RequestStatus | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const run = async (fn: () => Promise<ServiceRequest>) => {
    setError(undefined);
    try {
      onChange(await fn());
      setStatus('');
      setNote('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const members = teams.value?.find(t => t.ref === request.team)?.members ?? [];
  const transitions = request.can.transitions;
  if (!request.can.work && transitions.length === 0) return null;
  return (
    <InfoCard title={request.can.work ? 'Work on this ticket' : 'Your request'}>
      {error && (
        <Box mb={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      {request.can.work && !RESOLVED.includes(request.status) && (
        <Box display="flex" alignItems="center" mb={2} style={{ gap: 12 }}>
          <Button variant="contained" color="primary" onClick={() => run(() => api.claim(request.ticketId))}>
            Claim
          </Button>
          <TextField
            id="servicedesk-assignee"
            select
            size="small"
            variant="outlined"
            label="Assign to"
            value={request.assignedTo ?? ''}
            onChange={e => run(() => api.assign(request.ticketId, e.target.value))}
            style={{ minWidth: 200 }}
          >
            {members.map(m => (
              <MenuItem key={m} value={m}>
                {shortRef(m)}
              </MenuItem>
            ))}
          </TextField>
        </Box>
      )}
      {transitions.length > 0 && (
        <>
          <TextField
            id="servicedesk-status"
            select
            fullWidth
            size="small"
            variant="outlined"
            label="Change status"
            value={status}
            onChange={e => setStatus(e.target.value as RequestStatus)}
          >
            {transitions.map(s => (
              <MenuItem key={s} value={s}>
                {STATUS_LABELS[s]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="servicedesk-status-note"
            label={status === 'resolved' ? 'Resolution notes' : 'Note'}
            required={status === 'resolved'}
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            value={note}
            onChange={e => setNote(e.target.value)}
          />
          <Button
            variant="outlined"
            color="primary"
            disabled={!status}
            onClick={() => run(() => api.changeStatus(request.ticketId, { status: status as RequestStatus, ...(note.trim() ? { note: note.trim() } : {}) }))}
          >
            Apply
          </Button>
        </>
      )}
    </InfoCard>
  );
}

/** One ticket: details, SLA with its pauses, the automation and its log, comments and history, and the actions the caller may take. */
export function RequestPage() {
  const { ticketId } = useRouteRefParams(requestRouteRef);
  const api = useApi(servicedeskApiRef);
  const home = useRouteRef(servicedeskRouteRef);
  const loaded = useAsyncRetry(() => api.getRequest(ticketId), [api, ticketId]);
  const [request, setRequest] = useState<ServiceRequest>();
  useEffect(() => setRequest(loaded.value), [loaded.value]);

  // While the automation runs, follow it.
  const running = request?.actions.some(a => a.status === 'running');
  const { retry } = loaded;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(retry, 3000);
    return () => clearInterval(timer);
  }, [running, retry]);

  if (loaded.error) return <ResponseErrorPanel error={loaded.error} />;
  if (!request) return <Progress />;
  return (
    <Page themeId="tool">
      <Header title={`${request.ticketId} · ${request.title}`} subtitle={request.serviceName} type="Service desk" typeLink={home?.()} />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={8}>
            {request.status === 'resolved' || request.status === 'closed' ? (
              <Box mb={2}>
                <Alert severity="success" data-testid="resolution">
                  <b>Resolved{request.resolvedAt ? ` ${formatTime(request.resolvedAt)}` : ''}.</b> {request.resolutionNotes}
                </Alert>
              </Box>
            ) : null}
            {request.status === 'failed' && (
              <Box mb={2}>
                <Alert severity="warning">The automation failed; the ticket is in the team's queue.</Alert>
              </Box>
            )}
            <Card>
              <CardContent>
                <Box display="flex" style={{ gap: 8 }} mb={2}>
                  <StatusChip status={request.status} />
                  <PriorityChip priority={request.priority} />
                </Box>
                <StructuredMetadataTable
                  metadata={{
                    Service: request.serviceName,
                    Team: shortRef(request.team),
                    Requester: request.requesterName ?? shortRef(request.requester),
                    Assignee:
                      shortRef(request.assignedTo) ||
                      (request.autoResolution && request.actions.some(a => a.status === 'running') ? 'automation' : 'unassigned'),
                    Created: formatTime(request.createdAt),
                    ...(request.description ? { Description: request.description } : {}),
                    ...Object.fromEntries(Object.entries(request.formData).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)])),
                  }}
                />
              </CardContent>
            </Card>
            <Box mt={3}>
              <Activity request={request} onChange={setRequest} />
            </Box>
          </Grid>
          <Grid item xs={12} md={4}>
            <Box display="flex" flexDirection="column" style={{ gap: 24 }}>
              <Sla request={request} />
              <Automation request={request} />
              <OneTimeSecret ticketId={request.ticketId} refreshKey={request.status} />
              <AgentActions request={request} onChange={setRequest} />
            </Box>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
