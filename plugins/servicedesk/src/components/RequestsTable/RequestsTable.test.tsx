import { screen } from '@testing-library/react';
import { mockServicedeskApi, renderServicedesk, summary } from '../../__testUtils__/render';
import { RequestsTable } from './RequestsTable';

describe('RequestsTable', () => {
  it('shows time left, overdue, paused, and met once resolved', async () => {
    await renderServicedesk(
      <RequestsTable
        title="Queue"
        emptyText="none"
        items={[
          summary({ ticketId: 'SD-000001' }),
          summary({ ticketId: 'SD-000002', sla: { ...summary().sla, remainingMs: -2 * 3_600_000 } }),
          summary({ ticketId: 'SD-000003', status: 'waiting_on_requester', sla: { ...summary().sla, paused: true, remainingMs: 600_000 } }),
          summary({ ticketId: 'SD-000004', status: 'resolved', sla: { ...summary().sla, met: true } }),
        ]}
      />,
      { api: mockServicedeskApi() },
    );
    const row = (id: string) => screen.getByRole('link', { name: id }).closest('tr')!;
    expect(row('SD-000001')).toHaveTextContent('1 h 30 min left');
    expect(row('SD-000002')).toHaveTextContent('Overdue by 2 h 0 min');
    expect(row('SD-000003')).toHaveTextContent('10 min left (paused)');
    expect(row('SD-000003')).toHaveTextContent('Waiting on requester');
    expect(row('SD-000004')).toHaveTextContent('Met');
    expect(screen.getByRole('link', { name: 'SD-000001' })).toHaveAttribute('href', '/servicedesk/requests/SD-000001');
  });
});
