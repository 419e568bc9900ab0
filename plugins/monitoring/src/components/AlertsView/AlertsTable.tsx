import { Fragment } from 'react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { Alert } from '@portico/plugin-monitoring-common';

const SEVERITY_COLORS: Record<string, string> = {
  critical: '#c62828',
  high: '#ef6c00',
  warning: '#f9a825',
  info: '#1565c0',
};

function SeverityChip(props: { severity: string }) {
  return (
    <Chip
      size="small"
      label={props.severity}
      style={{ backgroundColor: SEVERITY_COLORS[props.severity], color: '#fff' }}
    />
  );
}

function entityLink(ref: string | undefined) {
  if (!ref) return '—';
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return <Link href={`/catalog/${namespace}/${kind}/${name}`}>{name}</Link>;
}

const shortUser = (ref: string) => ref.replace(/^user:default\//, '');

/** Who acknowledged, who works on it and the ticket that tracks it. */
function AckState(props: { ack: NonNullable<Alert['ack']> }) {
  const { ack } = props;
  return (
    <>
      <Tooltip title={`${shortUser(ack.by)}: ${ack.comment} (until ${new Date(ack.expiresAt).toLocaleString()})`}>
        <span>acknowledged by {shortUser(ack.by)}</span>
      </Tooltip>
      {ack.assignee && (
        <Typography variant="caption" display="block">
          assigned to {shortUser(ack.assignee)}
        </Typography>
      )}
      {ack.ticketId && (
        <Typography variant="caption" display="block">
          <Link href={`/servicedesk/requests/${encodeURIComponent(ack.ticketId)}`}>ticket {ack.ticketId.slice(0, 8)}</Link>
        </Typography>
      )}
    </>
  );
}

/** Alertmanager's grouping: alerts of the same group key under one header, in server order. */
export function groupAlerts(alerts: Alert[]): Array<{ key: string; alerts: Alert[] }> {
  const groups = new Map<string, Alert[]>();
  for (const alert of alerts) {
    const list = groups.get(alert.groupKey) ?? [];
    list.push(alert);
    groups.set(alert.groupKey, list);
  }
  return [...groups].map(([key, list]) => ({ key, alerts: list }));
}

/** `{}:{alertname="X"}` → `alertname="X"`: the group's labels as Alertmanager shows them. */
function groupLabel(key: string) {
  const match = /\{([^{}]*)\}$/.exec(key);
  return match?.[1] || key || 'ungrouped';
}

export function AlertsTable(props: {
  alerts: Alert[];
  onAck: (alert: Alert) => void;
  onUnack: (alert: Alert) => void;
  showComponent?: boolean;
}) {
  const { alerts, onAck, onUnack, showComponent = true } = props;
  return (
    <Table size="small" aria-label="Alerts">
      <TableHead>
        <TableRow>
          <TableCell>Severity</TableCell>
          <TableCell>Alert</TableCell>
          {showComponent && <TableCell>Component</TableCell>}
          <TableCell>Owner</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Started</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {groupAlerts(alerts).map(group => (
          <Fragment key={group.key}>
            <TableRow>
              <TableCell colSpan={showComponent ? 7 : 6} style={{ background: 'rgba(127,127,127,0.08)' }}>
                <Typography variant="subtitle2">
                  {groupLabel(group.key)} · {group.alerts.length}
                </Typography>
              </TableCell>
            </TableRow>
            {group.alerts.map(alert => (
              <TableRow key={alert.id} data-testid={`alert-${alert.alertname}`}>
                <TableCell>
                  <SeverityChip severity={alert.severity} />
                </TableCell>
                <TableCell>
                  <Typography variant="body2">
                    <b>{alert.alertname}</b>
                  </Typography>
                  {/* Primary text: rows are striped in the page's grey, where the secondary grey is 4.47:1. */}
                  <Typography variant="caption">
                    {alert.summary}
                  </Typography>
                  {alert.deployedBefore && (
                    <Typography variant="caption" display="block" data-testid="deployed-before">
                      Deployed {alert.deployedBefore.version} to {alert.deployedBefore.environment}
                      {alert.deployedBefore.outcome === 'failed' ? ' (failed)' : ''}{' '}
                      {alert.deployedBefore.minutesBefore} min before this alert fired
                    </Typography>
                  )}
                </TableCell>
                {showComponent && <TableCell>{entityLink(alert.componentRef)}</TableCell>}
                <TableCell>{entityLink(alert.ownerRef)}</TableCell>
                <TableCell>{alert.ack ? <AckState ack={alert.ack} /> : alert.state}</TableCell>
                <TableCell>{new Date(alert.startsAt).toLocaleString()}</TableCell>
                <TableCell>
                  {alert.state === 'firing' && (
                    <Button size="small" variant="outlined" color="primary" onClick={() => onAck(alert)}>
                      Acknowledge
                    </Button>
                  )}
                  {alert.state === 'acknowledged' && (
                    <Button size="small" onClick={() => onUnack(alert)}>
                      Un-acknowledge
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}
