import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { ResourceView } from '@portico/plugin-lifecycle-common';
import { lifecycleApiRef, type LifecycleApi } from '../../api';
import { ResourceList } from './ResourceList';

jest.setTimeout(30_000);

const SANDBOX: ResourceView = {
  entityRef: 'resource:default/sandbox-quotes',
  title: 'sandbox-quotes (namespace)',
  type: 'namespace',
  owner: 'group:default/payments-team',
  project: 'shipping',
  costCenter: 'CC-1042',
  environment: 'sandbox',
  msLeft: 20 * 3600_000,
  expiresAt: '2026-12-06T09:00:00Z',
  state: 'active',
  notices: { '48h': '2026-12-04T09:00:00Z', '24h': '2026-12-05T09:00:00Z' },
  violations: [],
  extensions: 0,
};

function mockApi(): jest.Mocked<LifecycleApi> {
  return {
    expiring: jest.fn(async () => ({ items: [SANDBOX], totalCount: 1, limit: 25, offset: 0 })),
    violations: jest.fn(async () => ({
      items: [{ ...SANDBOX, violations: [{ tag: 'ttl' as const, message: 'missing' }] }],
      totalCount: 1,
      limit: 25,
      offset: 0,
    })),
    costCenters: jest.fn(),
    resource: jest.fn(),
    extend: jest.fn(),
  } as unknown as jest.Mocked<LifecycleApi>;
}

describe('ResourceList', () => {
  it('lists what expires soon and filters through the URL', async () => {
    const api = mockApi();
    await renderInTestApp(<ResourceList mode="expiring" />, {
      apis: [[lifecycleApiRef, api]],
      initialRouteEntries: ['/?filters[costCenter]=CC-1042'],
    });
    const link = await screen.findByRole('link', { name: 'sandbox-quotes (namespace)' });
    expect(link).toHaveAttribute('href', '/catalog/default/resource/sandbox-quotes');
    expect(screen.getByText('20 h left')).toBeInTheDocument();
    expect(screen.getByText('48 h ✓ 24 h ✓')).toBeInTheDocument();
    expect(api.expiring).toHaveBeenLastCalledWith(
      expect.objectContaining({ costCenter: 'CC-1042', withinHours: 168, limit: 25, offset: 0 }),
    );

    await userEvent.type(screen.getByRole('textbox', { name: 'Project' }), 'shipping');
    await waitFor(() =>
      expect(api.expiring).toHaveBeenLastCalledWith(expect.objectContaining({ project: 'shipping', costCenter: 'CC-1042' })),
    );
  });

  it('lists tag violations with what is wrong', async () => {
    const api = mockApi();
    await renderInTestApp(<ResourceList mode="violations" />, { apis: [[lifecycleApiRef, api]] });
    expect(await screen.findByText(/missing/)).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Tag violations' })).toBeInTheDocument();
  });
});
