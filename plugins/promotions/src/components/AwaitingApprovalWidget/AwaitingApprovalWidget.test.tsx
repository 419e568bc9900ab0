import { screen } from '@testing-library/react';
import { page, promotion } from '../../__testUtils__/fixtures';
import { mockPromotionsApi, renderPromotions } from '../../__testUtils__/renderPromotions';
import { AwaitingApprovalWidget } from './AwaitingApprovalWidget';

jest.setTimeout(30_000);

describe('AwaitingApprovalWidget', () => {
  it('counts the requests awaiting my approval and links to them', async () => {
    const promotionsApi = mockPromotionsApi({
      listRequests: async () => page([promotion()], 7),
    });
    await renderPromotions(<AwaitingApprovalWidget />, { promotionsApi, user: 'user:default/bob' });
    expect(await screen.findByLabelText('Awaiting my approval count')).toHaveTextContent('7');
    expect(promotionsApi.listRequests).toHaveBeenCalledWith({ awaitingMyApproval: true, limit: 5 });
    expect(screen.getByRole('link', { name: /Payments gateway 1.4.2 → PROD/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All promotions awaiting my approval' })).toHaveAttribute(
      'href',
      '/promotions?view=awaiting',
    );
  });
});
