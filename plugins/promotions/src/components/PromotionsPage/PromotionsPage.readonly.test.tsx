import { screen, within } from '@testing-library/react';
import { page } from '../../__testUtils__/fixtures';
import { mockPromotionsApi, renderPromotions } from '../../__testUtils__/renderPromotions';
import { PromotionsPage } from './PromotionsPage';

jest.setTimeout(30_000);

// usePermission caches decisions for a whole test file: the user without create rights has their own.
describe('PromotionsPage for a reader', () => {
  it('hides the request button from those who may not create, and says when nothing matches', async () => {
    const promotionsApi = mockPromotionsApi({ listRequests: async () => page([]) });
    await renderPromotions(<PromotionsPage />, { promotionsApi });
    expect(await screen.findByText('No promotion request matches these filters.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Request a promotion' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('tablist')).getAllByRole('tab')).toHaveLength(3);
  });
});
