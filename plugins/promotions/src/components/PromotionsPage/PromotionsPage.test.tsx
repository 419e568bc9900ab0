import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { promotionsRequestCreatePermission } from '@portico/plugin-promotions-common';
import { page, promotion, REQUEST_ID } from '../../__testUtils__/fixtures';
import { mockPromotionsApi, renderPromotions } from '../../__testUtils__/renderPromotions';
import { PromotionsPage } from './PromotionsPage';

jest.setTimeout(30_000);

describe('PromotionsPage', () => {
  it('lists requests, counts those awaiting my approval, and filters', async () => {
    const promotionsApi = mockPromotionsApi({
      listRequests: async () => page([promotion()]),
      countAwaitingMyApproval: async () => 3,
    });
    await renderPromotions(<PromotionsPage />, {
      promotionsApi,
      allowed: [promotionsRequestCreatePermission.name],
    });
    const link = await screen.findByRole('link', { name: 'Payments gateway 1.4.2' });
    expect(link).toHaveAttribute('href', `/promotions/${REQUEST_ID}`);
    expect(screen.getByRole('tab', { name: /Awaiting my approval/ })).toHaveTextContent('3');
    expect(screen.getByRole('button', { name: 'Request a promotion' })).toBeInTheDocument();
    expect(promotionsApi.listRequests).toHaveBeenLastCalledWith(
      expect.objectContaining({ mine: false, awaitingMyApproval: false, limit: 20, offset: 0 }),
    );

    await userEvent.click(screen.getByRole('tab', { name: /Awaiting my approval/ }));
    await waitFor(() =>
      expect(promotionsApi.listRequests).toHaveBeenLastCalledWith(expect.objectContaining({ awaitingMyApproval: true })),
    );
    await userEvent.click(screen.getByRole('tab', { name: 'My requests' }));
    await waitFor(() =>
      expect(promotionsApi.listRequests).toHaveBeenLastCalledWith(expect.objectContaining({ mine: true })),
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Tenant' }), 'acme');
    await waitFor(() =>
      expect(promotionsApi.listRequests).toHaveBeenLastCalledWith(expect.objectContaining({ tenant: 'acme' })),
    );
  });
});
