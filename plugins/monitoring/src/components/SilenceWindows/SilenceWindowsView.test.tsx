import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { MonitoringStatus, SilenceWindow } from '@portico/plugin-monitoring-common';
import { monitoringApiRef, type MonitoringApi } from '../../api';
import { localToIso, SilenceWindowsView } from './SilenceWindowsView';

jest.setTimeout(30_000);

const WINDOW: SilenceWindow = {
  id: '00000000-0000-4000-8000-0000000000a1',
  componentRef: 'component:default/payments-gateway',
  startsAt: '2026-12-01T22:00:00Z',
  endsAt: '2026-12-01T23:30:00Z',
  comment: 'Database upgrade',
  createdBy: 'user:default/grace',
  createdAt: '2026-12-01T09:00:00Z',
  silenceIds: ['s1'],
  state: 'scheduled',
};

function status(mayScheduleSilences: boolean, configured = true): MonitoringStatus {
  return {
    prometheus: { configured: true },
    alertmanager: { configured, webhookEnabled: true },
    grafanaWebhookEnabled: false,
    componentLabels: ['component', 'service', 'job'],
    caller: { mayScheduleSilences },
  };
}

function mockApi() {
  return {
    silenceWindows: jest.fn(async () => ({ items: [WINDOW], totalCount: 1, limit: 100, offset: 0 })),
    scheduleSilenceWindow: jest.fn(async () => WINDOW),
    cancelSilenceWindow: jest.fn(async () => WINDOW),
  };
}

describe('SilenceWindowsView', () => {
  it('lists the windows for everyone; no form and no cancel without the permission', async () => {
    const api = mockApi();
    await renderInTestApp(<SilenceWindowsView status={status(false)} />, {
      apis: [[monitoringApiRef, api as unknown as MonitoringApi]],
    });
    const row = await screen.findByTestId('window-payments-gateway');
    expect(row).toHaveTextContent('Database upgrade');
    expect(row).toHaveTextContent('grace');
    expect(row).toHaveTextContent('scheduled');
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    expect(screen.queryByText('Schedule a maintenance silence')).not.toBeInTheDocument();
  });

  it('schedules with instants in ISO form and cancels, for on-call', async () => {
    const api = mockApi();
    await renderInTestApp(<SilenceWindowsView status={status(true)} />, {
      apis: [[monitoringApiRef, api as unknown as MonitoringApi]],
    });
    await screen.findByTestId('window-payments-gateway');
    fireEvent.change(screen.getByLabelText('Component'), { target: { value: 'checkout' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-02T22:00' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2026-12-02T23:00' } });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Kernel patch' } });
    fireEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    await waitFor(() =>
      expect(api.scheduleSilenceWindow).toHaveBeenCalledWith({
        componentRef: 'checkout',
        startsAt: localToIso('2026-12-02T22:00'),
        endsAt: localToIso('2026-12-02T23:00'),
        comment: 'Kernel patch',
      }),
    );
    expect(localToIso('2026-12-02T22:00')).toMatch(/^2026-12-0[23]T\d\d:00:00\.000Z$/);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(api.cancelSilenceWindow).toHaveBeenCalledWith(WINDOW.id));
    await waitFor(() => expect(api.silenceWindows.mock.calls.length).toBeGreaterThanOrEqual(3));
  });

  it('says what to configure when Alertmanager is absent', async () => {
    const api = mockApi();
    api.silenceWindows.mockResolvedValue({ items: [], totalCount: 0, limit: 100, offset: 0 });
    await renderInTestApp(<SilenceWindowsView status={status(true, false)} />, {
      apis: [[monitoringApiRef, api as unknown as MonitoringApi]],
    });
    expect(await screen.findByText('No maintenance silence is scheduled.')).toBeInTheDocument();
    expect(screen.getByText('monitoring.alertmanager.baseUrl')).toBeInTheDocument();
    expect(screen.queryByText('Schedule a maintenance silence')).not.toBeInTheDocument();
  });
});
