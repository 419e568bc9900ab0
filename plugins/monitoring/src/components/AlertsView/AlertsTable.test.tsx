import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Alert } from '@portico/plugin-monitoring-common';
import { missingParts } from '../StatusBanner';
import { AlertsTable, groupAlerts } from './AlertsTable';

function alert(id: string, groupKey: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    fingerprint: id,
    alertname: 'HighErrorRate',
    severity: 'critical',
    state: 'firing',
    labels: {},
    annotations: {},
    startsAt: '2026-12-01T09:00:00Z',
    source: 'alertmanager',
    groupKey,
    componentRef: 'component:default/payments-gateway',
    ownerRef: 'group:default/payments-team',
    ...overrides,
  };
}

describe('AlertsTable', () => {
  it('groups alerts by Alertmanager group key, keeping the server order', () => {
    const groups = groupAlerts([alert('1', 'a'), alert('2', 'b'), alert('3', 'a')]);
    expect(groups.map(g => [g.key, g.alerts.map(a => a.id)])).toEqual([
      ['a', ['1', '3']],
      ['b', ['2']],
    ]);
  });

  it('offers acknowledge on firing alerts and un-acknowledge on acknowledged ones, with who acked', async () => {
    await renderInTestApp(
      <AlertsTable
        alerts={[
          alert('1', '{}:{alertname="HighErrorRate"}'),
          alert('2', '{}:{alertname="HighErrorRate"}', {
            alertname: 'HighLatency',
            state: 'acknowledged',
            ack: { by: 'user:default/grace', at: '', comment: 'on it', expiresAt: '2026-12-01T10:00:00Z' },
          }),
        ]}
        onAck={() => {}}
        onUnack={() => {}}
      />,
    );
    expect(screen.getByText('alertname="HighErrorRate" · 2')).toBeInTheDocument();
    expect(screen.getByTestId('alert-HighErrorRate')).toHaveTextContent('Acknowledge');
    expect(screen.getByTestId('alert-HighLatency')).toHaveTextContent('acknowledged by grace');
    expect(screen.getByTestId('alert-HighLatency')).toHaveTextContent('Un-acknowledge');
  });

  it('names the deployment that came shortly before an alert', async () => {
    await renderInTestApp(
      <AlertsTable
        alerts={[
          alert('1', 'g', {
            deployedBefore: { version: '1.4.2', environment: 'PROD', outcome: 'succeeded', at: '2026-12-01T08:48:00Z', requestId: 'r1', minutesBefore: 12 },
          }),
          alert('2', 'g', { alertname: 'HighLatency' }),
        ]}
        onAck={() => {}}
        onUnack={() => {}}
      />,
    );
    expect(screen.getByTestId('alert-HighErrorRate')).toHaveTextContent('Deployed 1.4.2 to PROD 12 min before this alert fired');
    expect(screen.getAllByTestId('deployed-before')).toHaveLength(1);
  });

  it('shows the assignee and links the service-desk ticket of an acknowledgement', async () => {
    const ticketId = '7b0c7f3e-2f7a-4a53-9d3b-3f0f6a2c9e11';
    await renderInTestApp(
      <AlertsTable
        alerts={[
          alert('1', 'g', {
            state: 'acknowledged',
            ack: { by: 'user:default/alice', at: '', comment: 'c', expiresAt: '2026-12-01T10:00:00Z', assignee: 'user:default/bob', ticketId },
          }),
        ]}
        onAck={() => {}}
        onUnack={() => {}}
      />,
    );
    const row = screen.getByTestId('alert-HighErrorRate');
    expect(row).toHaveTextContent('acknowledged by alice');
    expect(row).toHaveTextContent('assigned to bob');
    expect(screen.getByRole('link', { name: 'ticket 7b0c7f3e' })).toHaveAttribute('href', `/servicedesk/requests/${ticketId}`);
  });
});

describe('missingParts', () => {
  it('names the config key of each missing part', () => {
    const lines = missingParts({
      prometheus: { configured: false },
      alertmanager: { configured: false, webhookEnabled: false },
      grafanaWebhookEnabled: false,
      componentLabels: [],
    });
    expect(lines.join('\n')).toMatch(/monitoring\.alertmanager\.webhookToken/);
    expect(lines.join('\n')).toMatch(/monitoring\.alertmanager\.baseUrl/);
    expect(lines.join('\n')).toMatch(/monitoring\.prometheus\.baseUrl/);
    expect(
      missingParts({
        prometheus: { configured: true },
        alertmanager: { configured: true, webhookEnabled: true },
        grafanaWebhookEnabled: false,
        componentLabels: [],
      }),
    ).toEqual([]);
  });
});
