import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  apimApplicationCreatePermission,
  apimSubscriptionDecidePermission,
} from '@portico/plugin-apim-common';
import {
  APP_ID,
  application,
  page,
  subscription,
} from '../../__testUtils__/fixtures';
import { mockApimApi, responseError } from '../../__testUtils__/mockApimApi';
import { fill, renderApim } from '../../__testUtils__/renderApim';
import { ApplicationsPage } from './ApplicationsPage';

// A devops user of two groups who may create applications and decide subscriptions.
const allowed = [
  apimApplicationCreatePermission.name,
  apimSubscriptionDecidePermission.name,
];
const groups = ['group:default/devops-acme', 'group:default/payments-team'];

const checkout = application();
const billing = application({
  id: 'b4d1c2e3-0000-4000-8000-000000000001',
  name: 'billing-batch',
  description: undefined,
  owner: 'group:default/finance',
  environments: ['production'],
  createdBy: 'user:default/bob',
});

function apiWithApplications() {
  return mockApimApi({
    listApplications: async request =>
      page(request?.mine ? [checkout] : [checkout, billing]),
    listSubscriptions: async () => page([subscription()], { totalCount: 1 }),
  });
}

async function openCreateDialog() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'New application' }),
  );
  return screen.findByRole('dialog', { name: 'New application' });
}

describe('ApplicationsPage', () => {
  it("lists my groups' applications first, and everyone's on the next tab", async () => {
    const apimApi = apiWithApplications();
    renderApim(<ApplicationsPage />, { apimApi, allowed, groups });

    const link = await screen.findByRole('link', { name: 'checkout-web' });
    expect(link).toHaveAttribute('href', `/applications/${APP_ID}`);
    expect(screen.getByText('The web shop checkout')).toBeInTheDocument();
    expect(screen.queryByText('billing-batch')).not.toBeInTheDocument();
    expect(apimApi.listApplications).toHaveBeenCalledWith({
      mine: true,
      limit: 25,
      offset: 0,
    });

    await userEvent.click(
      screen.getByRole('tab', { name: 'All applications' }),
    );

    expect(
      await screen.findByRole('link', { name: 'billing-batch' }),
    ).toBeInTheDocument();
    expect(apimApi.listApplications).toHaveBeenLastCalledWith({
      mine: false,
      limit: 25,
      offset: 0,
    });
  });

  it('counts the subscriptions awaiting my decision on their tab', async () => {
    const apimApi = apiWithApplications();
    renderApim(<ApplicationsPage />, { apimApi, allowed, groups });

    const tab = await screen.findByRole('tab', {
      name: /Awaiting my decision/,
    });
    await waitFor(() => expect(tab).toHaveTextContent('1'));
    expect(apimApi.listSubscriptions).toHaveBeenCalledWith({
      awaitingMyDecision: true,
      limit: 1,
    });
  });

  it('checks a new application as the server would, before sending anything', async () => {
    const apimApi = apiWithApplications();
    renderApim(<ApplicationsPage />, { apimApi, allowed, groups });
    const dialog = await openCreateDialog();

    await fill(
      within(dialog).getByRole('textbox', { name: /Name/ }),
      'Checkout Web',
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Sandbox' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    expect(
      within(dialog).getByRole('textbox', { name: /Name/ }),
    ).toHaveAccessibleDescription('lowercase letters, digits and dashes');
    expect(
      within(dialog).getByRole('combobox', { name: /Owner group/ }),
    ).toHaveAccessibleDescription('required');
    expect(within(dialog).getByText('pick at least 1')).toBeInTheDocument();
    expect(apimApi.createApplication).not.toHaveBeenCalled();
  });

  it("shows the server's 400 next to the field it names", async () => {
    const apimApi = apiWithApplications();
    const conflict = await responseError(
      400,
      'InputError',
      'name: checkout-web is already taken in devops-acme',
    );
    apimApi.createApplication.mockRejectedValueOnce(conflict);
    renderApim(<ApplicationsPage />, { apimApi, allowed, groups });
    const dialog = await openCreateDialog();

    await fill(
      within(dialog).getByRole('textbox', { name: /Name/ }),
      'checkout-web',
    );
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: /Owner group/ }),
      'group:default/devops-acme',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    await waitFor(() =>
      expect(
        within(dialog).getByRole('textbox', { name: /Name/ }),
      ).toHaveAccessibleDescription(
        'checkout-web is already taken in devops-acme',
      ),
    );
    expect(within(dialog).getByRole('textbox', { name: /Name/ })).toBeInvalid();
    expect(apimApi.createApplication).toHaveBeenCalledWith({
      name: 'checkout-web',
      description: undefined,
      owner: 'group:default/devops-acme',
      environments: ['sandbox'],
    });
  });

  it('creates the application and leads to it', async () => {
    const apimApi = apiWithApplications();
    apimApi.createApplication.mockResolvedValueOnce(
      application({
        id: 'c0ffee00-0000-4000-8000-000000000002',
        name: 'mobile-app',
      }),
    );
    renderApim(<ApplicationsPage />, { apimApi, allowed, groups });
    const dialog = await openCreateDialog();

    await fill(
      within(dialog).getByRole('textbox', { name: /Name/ }),
      ' mobile-app ',
    );
    await fill(
      within(dialog).getByRole('textbox', { name: 'Description' }),
      'The iOS and Android app',
    );
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: /Owner group/ }),
      'group:default/payments-team',
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Production' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    expect(
      await within(dialog).findByText(/Next: subscribe it to an API plan/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Open mobile-app' }),
    ).toHaveAttribute(
      'href',
      '/applications/c0ffee00-0000-4000-8000-000000000002',
    );
    expect(apimApi.createApplication).toHaveBeenCalledWith({
      name: 'mobile-app',
      description: 'The iOS and Android app',
      owner: 'group:default/payments-team',
      environments: ['sandbox', 'production'],
    });
    // The list is read again to show it.
    await waitFor(() =>
      expect(apimApi.listApplications).toHaveBeenCalledTimes(2),
    );
  });
});
