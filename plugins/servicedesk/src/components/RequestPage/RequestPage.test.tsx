import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fill } from '../../__testUtils__/render';
import { mockServicedeskApi, renderServicedesk, ticket } from '../../__testUtils__/render';
import { RequestPage } from './RequestPage';

const url = '/servicedesk/requests/SD-000007';
const mountPath = '/servicedesk/requests/:ticketId';

jest.setTimeout(30_000);

describe('RequestPage', () => {
  it('shows the requester the resolution, the failed automation with its log, and the SLA pauses', async () => {
    const api = mockServicedeskApi({
      getRequest: async () =>
        ticket({
          status: 'resolved',
          resolutionNotes: 'Delivered to your desk',
          resolvedAt: '2026-11-02T12:00:00.000Z',
          sla: {
            hours: 48,
            dueAt: '2026-11-04T10:00:00.000Z',
            remainingMs: 3_600_000,
            paused: false,
            met: true,
            pauses: [{ reason: 'automation', startedAt: '2026-11-02T09:00:00.000Z', endedAt: '2026-11-02T10:00:00.000Z' }],
          },
          actions: [
            {
              id: 'a1',
              actionType: 'scaffolder-task',
              templateRef: 'template:default/servicedesk-password-reset',
              taskId: 't1',
              taskLogPath: '/create/tasks/t1',
              status: 'failed',
              executedBy: 'user:default/alice',
              executedAt: '2026-11-02T09:00:00.000Z',
              errorMessage: 'Microsoft Graph is not configured',
            },
          ],
          comments: [{ id: 'c1', author: 'user:default/heidi', body: 'Ordered', visibility: 'public', createdAt: '2026-11-02T11:00:00.000Z' }],
        }),
    });
    await renderServicedesk(<RequestPage />, { api, url, mountPath });
    expect(await screen.findByTestId('resolution')).toHaveTextContent('Delivered to your desk');
    const automation = screen.getByTestId('automation');
    expect(automation).toHaveTextContent('Microsoft Graph is not configured');
    expect(within(automation).getByRole('link', { name: 'task log' })).toHaveAttribute('href', '/create/tasks/t1');
    expect(screen.getByText(/automation running:.*\(1 h 0 min\)/)).toBeInTheDocument();
    expect(screen.getByTestId('comment')).toHaveTextContent('Ordered');
    // Not an agent: no claim, no internal comments.
    expect(screen.queryByRole('button', { name: 'Claim' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Internal (agents only)' })).not.toBeInTheDocument();
  });

  it('lets an agent claim, comment internally and resolve with notes', async () => {
    const agentView = ticket({
      can: { work: true, comment: true, commentInternal: true, cancel: true, transitions: ['in_progress', 'waiting_on_requester', 'resolved', 'cancelled'] },
    });
    const api = mockServicedeskApi({
      getRequest: async () => agentView,
      listTeams: async () => [{ ref: 'group:default/servicedesk-agents', title: 'Agents', members: ['user:default/heidi', 'user:default/ivan'] }],
      claim: async () => ({ ...agentView, status: 'in_progress' }),
      comment: async () => agentView,
      changeStatus: async () => ({ ...agentView, status: 'resolved', resolutionNotes: 'Done' }),
    });
    await renderServicedesk(<RequestPage />, { api, url, mountPath });
    await userEvent.click(await screen.findByRole('button', { name: 'Claim' }));
    expect(api.claim).toHaveBeenCalledWith('SD-000007');

    await fill(screen.getByRole('textbox', { name: 'Add a comment' }), 'Stock is low');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Internal (agents only)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect(api.comment).toHaveBeenCalledWith('SD-000007', { body: 'Stock is low', visibility: 'internal' });

    await userEvent.click(screen.getByRole('button', { name: /^Change status/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Resolved' }));
    await fill(screen.getByRole('textbox', { name: /Resolution notes/ }), 'Done');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(api.changeStatus).toHaveBeenCalledWith('SD-000007', { status: 'resolved', note: 'Done' }));
    expect(await screen.findByTestId('resolution')).toHaveTextContent('Done');
  });
});
