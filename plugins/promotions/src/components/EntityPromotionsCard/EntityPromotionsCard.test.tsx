import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { promotionsRequestCreatePermission } from '@portico/plugin-promotions-common';
import { page, promotion, REQUEST_ID } from '../../__testUtils__/fixtures';
import { mockPromotionsApi, renderPromotions } from '../../__testUtils__/renderPromotions';
import { EntityPromotionsCard } from './EntityPromotionsCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'Payments-Gateway', namespace: 'default' },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

jest.setTimeout(30_000);

describe('EntityPromotionsCard', () => {
  it("lists the component's latest promotions with their state", async () => {
    const promotionsApi = mockPromotionsApi({
      listRequests: async () => page([promotion({ state: 'DEPLOYED' })]),
    });
    await renderPromotions(<EntityPromotionsCard />, {
      promotionsApi,
      entity,
      allowed: [promotionsRequestCreatePermission.name],
    });
    expect(await screen.findByRole('link', { name: '1.4.2 → PROD' })).toHaveAttribute('href', `/promotions/${REQUEST_ID}`);
    expect(screen.getByLabelText('State DEPLOYED')).toBeInTheDocument();
    expect(promotionsApi.listRequests).toHaveBeenCalledWith({ componentRef: 'component:default/payments-gateway', limit: 5 });
    expect(screen.getByRole('button', { name: 'Request a promotion' })).toBeInTheDocument();
  });
});
