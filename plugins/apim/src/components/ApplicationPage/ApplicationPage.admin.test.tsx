import { screen } from '@testing-library/react';
import { apimAdminPermission } from '@portico/plugin-apim-common';
import { APP_ID, application, page } from '../../__testUtils__/fixtures';
import { mockApimApi } from '../../__testUtils__/mockApimApi';
import { renderApim } from '../../__testUtils__/renderApim';
import { ApplicationPage } from './ApplicationPage';

describe('ApplicationPage, seen by a portal admin', () => {
  it('offers every action on applications of other groups', async () => {
    const apimApi = mockApimApi({
      getApplication: async () => application(),
      listSubscriptions: async () => page([]),
      listKeys: async () => [],
    });
    renderApim(<ApplicationPage />, {
      apimApi,
      allowed: [apimAdminPermission.name],
      user: 'user:default/root',
      groups: ['group:default/portal-admins'],
      mountPath: '/applications/:id',
      url: `/applications/${APP_ID}`,
    });

    expect(
      await screen.findByRole('button', { name: 'Edit' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Subscribe to an API' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Create Production key' }),
    ).toBeInTheDocument();
  });
});
