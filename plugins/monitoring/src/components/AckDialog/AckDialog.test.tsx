import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import type { Alert } from '@portico/plugin-monitoring-common';
import { monitoringApiRef, type MonitoringApi } from '../../api';
import { AckDialog } from './AckDialog';

jest.setTimeout(30_000);

const ALERT: Alert = {
  id: '00000000-0000-4000-8000-000000000001',
  fingerprint: 'a1',
  alertname: 'HighErrorRate',
  severity: 'critical',
  state: 'firing',
  summary: 'More than 5 % of requests fail',
  labels: {},
  annotations: {},
  startsAt: '2026-12-01T09:00:00Z',
  source: 'alertmanager',
  groupKey: 'g',
};

describe('AckDialog', () => {
  it('sends the comment, expiry, assignee and ticket, and closes on success', async () => {
    const acknowledge = jest.fn(async () => ALERT);
    const onClose = jest.fn();
    await renderInTestApp(<AckDialog alert={ALERT} silences onClose={onClose} />, {
      apis: [[monitoringApiRef, { acknowledge } as unknown as MonitoringApi]],
    });
    expect(screen.getByText(/Alertmanager will be silenced/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'Bob looks at the pool' } });
    fireEvent.change(screen.getByLabelText('Assignee'), { target: { value: 'bob' } });
    fireEvent.change(screen.getByLabelText('Service-desk ticket'), { target: { value: ' 7b0c7f3e-2f7a-4a53-9d3b-3f0f6a2c9e11 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    expect(acknowledge).toHaveBeenCalledWith(ALERT.id, {
      comment: 'Bob looks at the pool',
      expiresInMinutes: 120,
      assignee: 'bob',
      ticketId: '7b0c7f3e-2f7a-4a53-9d3b-3f0f6a2c9e11',
    });
  });

  it("shows the server's reason and stays open when refused", async () => {
    const body = { error: { name: 'InputError', message: 'ticketId: expected a service-desk ticket id' } };
    const refused = await ResponseError.fromResponse(
      new Response(JSON.stringify(body), { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/json' } }) as any,
    );
    const acknowledge = jest.fn(async () => {
      throw refused;
    });
    const onClose = jest.fn();
    await renderInTestApp(<AckDialog alert={ALERT} silences={false} onClose={onClose} />, {
      apis: [[monitoringApiRef, { acknowledge } as unknown as MonitoringApi]],
    });
    fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText('Service-desk ticket'), { target: { value: 'INC-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('ticketId: expected a service-desk ticket id');
    expect(onClose).not.toHaveBeenCalled();
    expect(acknowledge).toHaveBeenCalledWith(ALERT.id, expect.objectContaining({ assignee: undefined, ticketId: 'INC-1' }));
  });
});
