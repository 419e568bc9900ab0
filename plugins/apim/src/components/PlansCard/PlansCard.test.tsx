import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { apimSubscriptionDecidePermission } from '@portico/plugin-apim-common';
import { apiDetails, page, subscription } from '../../__testUtils__/fixtures';
import { mockApimApi } from '../../__testUtils__/mockApimApi';
import { renderApim } from '../../__testUtils__/renderApim';
import { PlansCard } from './PlansCard';

const allowed = [apimSubscriptionDecidePermission.name];

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'portico.io/plans':
        '- name: free\n  approval: auto\n  environments: [sandbox]\n  rateLimit: { requests: 5, per: second }\n',
    },
  },
  spec: {
    type: 'openapi',
    owner: 'payments-team',
    lifecycle: 'production',
    definition: '',
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
};

const subscriptions = [
  subscription({
    id: 's-1',
    state: 'active',
    plan: 'free',
    environment: 'sandbox',
  }),
  subscription({
    id: 's-2',
    applicationName: 'ledger',
    applicationOwner: 'group:default/finance',
    state: 'pending',
  }),
];

function plansApi() {
  return mockApimApi({
    getApi: async () => apiDetails(),
    listSubscriptions: async () => page(subscriptions),
    getApiUsage: async () => ({
      days: [
        { day: '2026-12-05', applicationId: 'a-1', apiRef: 'api:default/payments-api', environment: 'sandbox', requests: 42, status4xx: 2, status5xx: 1, rateLimited: 0, p95Ms: 50 },
      ],
      applications: [{ id: 'a-1', name: 'checkout-web' }],
    }),
  });
}

describe('PlansCard', () => {
  it("shows the plans' limits, approval and environments, and the owners which applications subscribe", async () => {
    const apimApi = plansApi();
    renderApim(<PlansCard />, {
      apimApi,
      allowed,
      entity,
      groups: ['group:default/payments-team'],
    });

    const gold = await screen.findByRole('row', { name: 'Gold' });
    expect(gold).toHaveTextContent(
      "GoldProduction traffic, reviewed by the API's owners.",
    );
    expect(gold).toHaveTextContent('manual');
    expect(gold).toHaveTextContent('200 req/s');
    expect(gold).toHaveTextContent('5,000,000 / month');
    expect(gold).toHaveTextContent('SandboxStagingProduction');
    expect(screen.getByRole('row', { name: 'Free' })).toHaveTextContent(
      'automatic',
    );
    expect(screen.getByText('3 active subscriptions')).toBeInTheDocument();

    expect(
      await screen.findByText('Subscribed applications'),
    ).toBeInTheDocument();
    const ledger = screen.getByRole('row', { name: 'ledger gold production' });
    expect(ledger).toHaveTextContent('finance');
    expect(ledger).toHaveTextContent('pending');
    expect(
      within(ledger).getByRole('button', { name: 'Approve ledger' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: 'checkout-web free sandbox' }),
    ).toHaveTextContent('active');
    expect(apimApi.getApi).toHaveBeenCalledWith('api:default/payments-api');
    expect(apimApi.listSubscriptions).toHaveBeenCalledWith({
      apiRef: 'api:default/payments-api',
      limit: 100,
    });
    // The owners also see each application's usage of the API.
    const usage = await screen.findByRole('table', { name: 'Usage per application' });
    expect(within(usage).getByRole('img', { name: 'checkout-web, requests per day: 2026-12-05 42' })).toBeInTheDocument();
    expect(apimApi.getApiUsage).toHaveBeenCalledWith('api:default/payments-api', 30);
  });

  it("shows others only their own applications' subscriptions", async () => {
    const apimApi = plansApi();
    renderApim(<PlansCard />, {
      apimApi,
      allowed,
      entity,
      groups: ['group:default/devops-acme'],
    });

    expect(
      await screen.findByText("Your applications' subscriptions"),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('row', { name: 'checkout-web free sandbox' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('ledger')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Approve/ }),
    ).not.toBeInTheDocument();
    // Other applications' usage is the owners' business: not asked for, not shown.
    expect(screen.queryByRole('region', { name: 'Usage per application' })).not.toBeInTheDocument();
    expect(apimApi.getApiUsage).not.toHaveBeenCalled();
  });

  it('says clearly when the plans annotation is malformed', async () => {
    const apimApi = mockApimApi({
      getApi: async () =>
        apiDetails({
          plans: [],
          plansError:
            'portico.io/plans[0.approval]: Invalid option: expected one of "auto"|"manual"',
        }),
      listSubscriptions: async () => page([]),
    });
    renderApim(<PlansCard />, { apimApi, allowed, entity });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The plans of this API cannot be read, so nobody can subscribe until its owners fix the portico.io/plans annotation: portico.io/plans[0.approval]: Invalid option: expected one of "auto"|"manual"',
    );
  });

  it('reads the plans from the entity when the portal cannot be reached', async () => {
    const apimApi = mockApimApi({
      getApi: async () => {
        throw new Error('Failed to fetch');
      },
      listSubscriptions: async () => page([]),
    });
    renderApim(<PlansCard />, { apimApi, allowed, entity });

    expect(
      await screen.findByText(/The portal could not be reached/),
    ).toBeInTheDocument();
    expect(screen.getByRole('row', { name: 'free' })).toHaveTextContent(
      '5 req/s',
    );
  });
});
