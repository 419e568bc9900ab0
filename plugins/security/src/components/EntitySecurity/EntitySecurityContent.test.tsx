import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  mockSecurityApi,
  renderSecurity,
  STATS,
} from '../../__testUtils__/renderSecurity';
import { EntitySecurityContent } from './EntitySecurityContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-gateway',
    annotations: {
      'portico.io/container-image': 'ghcr.io/acme/payments-gateway:1.4.2',
      'portico.io/security-sla': 'critical=soon',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'payments-team',
    tier: 'critical',
  },
};

describe('EntitySecurityContent', () => {
  it('shows the component’s SLA clocks and why its annotation was ignored', async () => {
    const securityApi = mockSecurityApi({
      getStats: async () => ({
        ...STATS,
        componentSla: {
          slaDays: { critical: 3, high: 14, medium: 90 },
          sources: ['default', 'tier critical'],
          annotationError:
            'portico.io/security-sla ignored: each entry is severity=days, such as critical=3d or high=2w',
        },
      }),
    });
    await renderSecurity(<EntitySecurityContent />, {
      securityApi,
      entity,
      url: '/catalog/default/component/payments-gateway/security',
    });
    expect(
      await screen.findByText(
        /portico.io\/security-sla ignored: each entry/,
        undefined,
        {
          timeout: 10_000,
        },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Days to fix: critical 3 d, high 14 d, medium 90 d (from default, then tier critical)',
      ),
    ).toBeInTheDocument();
    expect(securityApi.getStats).toHaveBeenCalledWith({
      componentRef: 'component:default/payments-gateway',
    });
  });
});
