import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  OPEN_STATUSES,
  Priority,
  PRIORITIES,
  RequestStatus,
  STATUS_LABELS,
  STATUSES,
} from '@portico/plugin-servicedesk-common';
import { servicedeskApiRef } from '../../api';
import { shortRef } from '../../format';
import { RequestsTable } from '../RequestsTable/RequestsTable';

const ALL = '';
const OPEN = 'open';

function Select(props: { label: string; value: string; onChange: (v: string) => void; options: Array<[string, string]> }) {
  return (
    <TextField
      id={`servicedesk-queue-${props.label.toLowerCase()}`}
      select
      size="small"
      variant="outlined"
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      style={{ minWidth: 170 }}
      SelectProps={{ displayEmpty: true, SelectDisplayProps: { 'aria-label': props.label } as any }}
      InputLabelProps={{ shrink: true }}
    >
      {props.options.map(([value, label]) => (
        <MenuItem key={value} value={value}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  );
}

function statusFilter(status: string): RequestStatus[] | undefined {
  if (status === OPEN) return [...OPEN_STATUSES];
  return status ? [status as RequestStatus] : undefined;
}

/** The agents' queue: the tickets of one's teams, with filters. */
export function Queue() {
  const api = useApi(servicedeskApiRef);
  const [team, setTeam] = useState(ALL);
  const [status, setStatus] = useState(OPEN);
  const [priority, setPriority] = useState(ALL);
  const [service, setService] = useState(ALL);
  const [assignee, setAssignee] = useState(ALL);
  const [overdue, setOverdue] = useState(false);

  const teams = useAsync(() => api.listTeams(), [api]);
  const services = useAsync(() => api.listServices({ includeInactive: true }), [api]);
  const queue = useAsync(
    () =>
      api.listRequests({
        scope: 'queue',
        team: team || undefined,
        status: statusFilter(status),
        priority: priority ? [priority as Priority] : undefined,
        service: service || undefined,
        assignee: assignee || undefined,
        overdue,
        limit: 100,
      }),
    [api, team, status, priority, service, assignee, overdue],
  );
  if (queue.error) return <ResponseErrorPanel error={queue.error} />;
  const members = [...new Set((teams.value ?? []).filter(t => !team || t.ref === team).flatMap(t => t.members))].sort();

  return (
    <>
      <Box display="flex" flexWrap="wrap" alignItems="center" mb={2} style={{ gap: 12 }}>
        <Select
          label="Team"
          value={team}
          onChange={setTeam}
          options={[[ALL, 'All my teams'], ...(teams.value ?? []).map(t => [t.ref, t.title] as [string, string])]}
        />
        <Select
          label="Status"
          value={status}
          onChange={setStatus}
          options={[[OPEN, 'Open'], [ALL, 'Any'], ...STATUSES.map(s => [s, STATUS_LABELS[s]] as [string, string])]}
        />
        <Select label="Priority" value={priority} onChange={setPriority} options={[[ALL, 'Any'], ...PRIORITIES.map(p => [p, p] as [string, string])]} />
        <Select
          label="Service"
          value={service}
          onChange={setService}
          options={[[ALL, 'Any'], ...(services.value ?? []).map(s => [s.slug, s.name] as [string, string])]}
        />
        <Select
          label="Assignee"
          value={assignee}
          onChange={setAssignee}
          options={[[ALL, 'Anyone'], ['me', 'Me'], ['unassigned', 'Unassigned'], ...members.map(m => [m, shortRef(m)] as [string, string])]}
        />
        <FormControlLabel control={<Checkbox checked={overdue} onChange={e => setOverdue(e.target.checked)} />} label="Overdue only" />
      </Box>
      <RequestsTable
        title={`Queue (${queue.value?.totalCount ?? 0})`}
        items={queue.value?.items ?? []}
        loading={queue.loading}
        showRequester
        emptyText="Nothing in the queue with these filters."
      />
    </>
  );
}
