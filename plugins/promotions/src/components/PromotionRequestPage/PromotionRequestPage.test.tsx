import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { details, REQUEST_ID } from '../../__testUtils__/fixtures';
import { mockPromotionsApi, renderPromotions } from '../../__testUtils__/renderPromotions';
import { PromotionRequestPage } from './PromotionRequestPage';

const at = { url: `/promotions/${REQUEST_ID}`, mountPath: '/promotions/:id' };

jest.setTimeout(30_000);

describe('PromotionRequestPage', () => {
  it('shows the request, its evidence and timeline, and no decision to the requester', async () => {
    const promotionsApi = mockPromotionsApi({ getRequest: async () => details() });
    await renderPromotions(<PromotionRequestPage />, { promotionsApi, ...at });
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Promotion: Payments gateway 1.4.2');
    expect(promotionsApi.getRequest).toHaveBeenCalledWith(REQUEST_ID);
    expect(screen.getByText('Fixes the refund rounding bug')).toBeInTheDocument();
    expect(screen.getByText('Promote 1.4.1 again')).toBeInTheDocument();
    expect(screen.getByText('Version not already deployed (blocking)')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Timeline' })).getByText('Requested')).toBeInTheDocument();
    expect(await screen.findByText(/You requested this promotion/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reject' })).not.toBeInTheDocument();
  });

  it('lets an approver approve with a comment, and shows the new state', async () => {
    const promotionsApi = mockPromotionsApi({
      getRequest: async () => details({ permittedActions: ['approve', 'reject'] }),
      approve: async () =>
        details({
          state: 'DEPLOYING',
          approvals: [{ approver: 'user:default/bob', at: '2026-11-21T12:05:00.000Z' }],
          attempts: [
            {
              id: 'a1',
              number: 1,
              executor: 'scaffolder',
              status: 'running',
              taskId: 't1',
              logsUrl: '/create/tasks/t1',
              requestedBy: 'user:default/bob',
              createdAt: '2026-11-21T12:05:00.000Z',
            },
          ],
        }),
    });
    await renderPromotions(<PromotionRequestPage />, { promotionsApi, user: 'user:default/bob', ...at });
    await userEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    const dialog = screen.getByRole('dialog', { name: 'Approve the promotion' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Comment' }), 'Checked');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(promotionsApi.approve).toHaveBeenCalledWith(REQUEST_ID, 'Checked'));
    expect(await screen.findByLabelText('State DEPLOYING')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Task' })).toHaveAttribute('href', '/create/tasks/t1');
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it("requires a reason to reject, and shows the server's refusal", async () => {
    const promotionsApi = mockPromotionsApi({
      getRequest: async () => details({ permittedActions: ['approve', 'reject'] }),
      reject: async () => {
        throw new Error('The promotion request is now DEPLOYING; another change came first');
      },
    });
    await renderPromotions(<PromotionRequestPage />, { promotionsApi, user: 'user:default/bob', ...at });
    await userEvent.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = screen.getByRole('dialog', { name: 'Reject the promotion' });
    const confirm = within(dialog).getByRole('button', { name: 'Reject' });
    expect(confirm).toBeDisabled();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Comment/ }), 'Freeze week');
    await userEvent.click(confirm);
    expect(await within(dialog).findByText(/now DEPLOYING/)).toBeInTheDocument();
    expect(promotionsApi.reject).toHaveBeenCalledWith(REQUEST_ID, 'Freeze week');
  });
});
