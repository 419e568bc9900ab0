import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  APP_ID,
  application,
  page,
  subscription,
} from '../../__testUtils__/fixtures';
import { mockApimApi } from '../../__testUtils__/mockApimApi';
import { renderApim } from '../../__testUtils__/renderApim';
import { ApplicationsCard } from './ApplicationsCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'devops-acme', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'website', lifecycle: 'production', owner: 'devops-acme' },
};

function applicationsApi() {
  return mockApimApi({
    listApplications: async () => page([application()]),
    listSubscriptions: async () =>
      page([
        subscription({ state: 'active', plan: 'free', environment: 'sandbox' }),
        subscription({ id: 's-2', state: 'pending' }),
      ]),
  });
}

describe('ApplicationsCard', () => {
  it("lists a group's applications and their subscriptions", async () => {
    const apimApi = applicationsApi();
    renderApim(<ApplicationsCard />, { apimApi, entity: group });

    const item = await screen.findByRole('listitem', { name: 'checkout-web' });
    expect(item).toHaveTextContent('activepayments-api · free · Sandbox');
    expect(item).toHaveTextContent('pendingpayments-api · gold · Production');
    expect(screen.getByRole('link', { name: 'checkout-web' })).toHaveAttribute(
      'href',
      `/applications/${APP_ID}`,
    );
    expect(apimApi.listApplications).toHaveBeenCalledWith({
      owner: 'group:default/devops-acme',
      limit: 25,
    });
    expect(apimApi.listSubscriptions).toHaveBeenCalledWith({
      applicationId: APP_ID,
      limit: 100,
    });
  });

  it("lists the applications of a component's owner group", async () => {
    const apimApi = applicationsApi();
    renderApim(<ApplicationsCard />, { apimApi, entity: component });

    expect(await screen.findByText('Owned by devops-acme')).toBeInTheDocument();
    expect(
      await screen.findByRole('listitem', { name: 'checkout-web' }),
    ).toBeInTheDocument();
    expect(apimApi.listApplications).toHaveBeenCalledWith({
      owner: 'group:default/devops-acme',
      limit: 25,
    });
  });

  it('says when the group has none', async () => {
    const apimApi = mockApimApi({ listApplications: async () => page([]) });
    renderApim(<ApplicationsCard />, { apimApi, entity: group });

    expect(
      await screen.findByText(/devops-acme has no application yet/),
    ).toBeInTheDocument();
  });

  it('explains that a component owned by a user has no applications', async () => {
    const apimApi = mockApimApi();
    renderApim(<ApplicationsCard />, {
      apimApi,
      entity: {
        ...component,
        spec: { ...component.spec, owner: 'user:default/alice' },
      },
    });

    expect(
      await screen.findByText(
        /Applications belong to groups, and this component has no owner group/,
      ),
    ).toBeInTheDocument();
    expect(apimApi.listApplications).not.toHaveBeenCalled();
  });
});
