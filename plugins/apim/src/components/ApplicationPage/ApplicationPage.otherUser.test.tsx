import { screen } from '@testing-library/react';
import {
  apimApplicationManagePermission,
  apimSubscriptionCreatePermission,
} from '@portico/plugin-apim-common';
import {
  APP_ID,
  apiKey,
  application,
  page,
  subscription,
} from '../../__testUtils__/fixtures';
import { mockApimApi } from '../../__testUtils__/mockApimApi';
import { renderApim } from '../../__testUtils__/renderApim';
import { ApplicationPage } from './ApplicationPage';

// Someone who may manage applications in general, but is not in the owner group (devops-acme).
const allowed = [
  apimApplicationManagePermission.name,
  apimSubscriptionCreatePermission.name,
];

describe('ApplicationPage, seen by someone outside the owner group', () => {
  it('shows the application without the actions the server would refuse', async () => {
    const apimApi = mockApimApi({
      getApplication: async () => application(),
      listSubscriptions: async () =>
        page([
          subscription({
            state: 'active',
            plan: 'free',
            environment: 'sandbox',
          }),
        ]),
      listKeys: async () => [apiKey()],
    });
    renderApim(<ApplicationPage />, {
      apimApi,
      allowed,
      user: 'user:default/bob',
      groups: ['group:default/devops-globex'],
      mountPath: '/applications/:id',
      url: `/applications/${APP_ID}`,
    });

    expect(
      await screen.findByText(
        "Only members of devops-acme and portal admins see this application's subscriptions and keys.",
      ),
    ).toBeInTheDocument();
    // Neither the keys nor the subscriptions are asked for: the server would refuse them.
    expect(apimApi.listKeys).not.toHaveBeenCalled();
    expect(screen.queryByText('pt_sbx_7Hq2…x9Qa')).not.toBeInTheDocument();
    expect(
      screen.getByText(
        'Only members of devops-acme and portal admins can change this application.',
      ),
    ).toBeInTheDocument();
    for (const name of [
      'Edit',
      'Delete',
      'Rotate',
      'Revoke',
      'Unsubscribe',
      'Subscribe to an API',
      'Create Sandbox key',
    ]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });
});
