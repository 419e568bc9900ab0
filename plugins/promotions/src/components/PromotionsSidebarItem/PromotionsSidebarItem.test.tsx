import { screen } from '@testing-library/react';
import { SidebarOpenStateProvider } from '@backstage/core-components';
import {
  mockPromotionsApi,
  renderPromotions,
} from '../../__testUtils__/renderPromotions';
import { PromotionsSidebarItem } from './PromotionsSidebarItem';

function renderItem(promotionsApi: ReturnType<typeof mockPromotionsApi>) {
  return renderPromotions(
    <SidebarOpenStateProvider value={{ isOpen: true, setOpen: () => {} }}>
      <PromotionsSidebarItem />
    </SidebarOpenStateProvider>,
    { promotionsApi, user: 'user:default/bob' },
  );
}

describe('PromotionsSidebarItem', () => {
  it('shows how many requests await my approval and opens that view', async () => {
    const promotionsApi = mockPromotionsApi({
      countAwaitingMyApproval: async () => 3,
    });
    await renderItem(promotionsApi);
    expect(
      await screen.findByLabelText('3 awaiting my approval'),
    ).toHaveTextContent('3');
    expect(promotionsApi.countAwaitingMyApproval).toHaveBeenCalled();
    expect(screen.getByRole('link', { name: /Promotions/ })).toHaveAttribute(
      'href',
      '/promotions?view=awaiting',
    );
  });

  it('shows no badge when nothing waits, or when the count cannot be read', async () => {
    const empty = mockPromotionsApi({ countAwaitingMyApproval: async () => 0 });
    const { unmount } = await renderItem(empty);
    expect(
      await screen.findByRole('link', { name: /Promotions/ }),
    ).toHaveAttribute('href', '/promotions');
    expect(screen.queryByLabelText(/awaiting my approval/)).toBeNull();
    unmount();

    const failing = mockPromotionsApi({
      countAwaitingMyApproval: async () => {
        throw new Error('down');
      },
    });
    await renderItem(failing);
    expect(
      await screen.findByRole('link', { name: /Promotions/ }),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText(/awaiting my approval/)).toBeNull();
    expect(screen.queryByText(/down/)).toBeNull();
  });
});
