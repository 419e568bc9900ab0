import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  apimApplicationManagePermission,
  apimSubscriptionCreatePermission,
} from '@portico/plugin-apim-common';
import {
  APP_ID,
  apiKey,
  apiSummary,
  application,
  page,
  subscription,
} from '../../__testUtils__/fixtures';
import { mockApimApi, responseError } from '../../__testUtils__/mockApimApi';
import { fill, renderApim } from '../../__testUtils__/renderApim';
import { ApplicationPage } from './ApplicationPage';

// A member of devops-acme, the application's owner group, who may manage and subscribe.
const allowed = [
  apimApplicationManagePermission.name,
  apimSubscriptionCreatePermission.name,
];

const SECRET = 'pt_sbx_7Hq2aZ3kQ9mN1vB5xC8rT2yU6wE4x9Qa';

function apiForApplication() {
  const keys = [apiKey()];
  return mockApimApi({
    getApplication: async () => application(),
    listSubscriptions: async () =>
      page([
        subscription({
          state: 'active',
          plan: 'free',
          environment: 'sandbox',
          history: [
            {
              from: null,
              to: 'pending',
              actor: 'user:default/alice',
              at: '2025-06-02T09:00:00.000Z',
            },
            {
              from: 'pending',
              to: 'active',
              actor: 'user:default/carol',
              comment: 'Welcome aboard',
              at: '2025-06-02T10:00:00.000Z',
            },
          ],
        }),
      ]),
    listKeys: async () => keys,
    listApis: async () => page([apiSummary()]),
  });
}

function renderPage(apimApi: ReturnType<typeof mockApimApi>) {
  return renderApim(<ApplicationPage />, {
    apimApi,
    allowed,
    groups: ['group:default/devops-acme'],
    mountPath: '/applications/:id',
    url: `/applications/${APP_ID}`,
  });
}

describe('ApplicationPage', () => {
  it('shows the application, its subscriptions with their history, and its keys', async () => {
    const apimApi = apiForApplication();
    renderPage(apimApi);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'checkout-web' }),
    ).toBeInTheDocument();
    expect(apimApi.getApplication).toHaveBeenCalledWith(APP_ID);
    // Subscriptions and keys are asked for once the caller is known to be an owner.
    await waitFor(() =>
      expect(apimApi.listSubscriptions).toHaveBeenCalledWith({
        applicationId: APP_ID,
        limit: 100,
      }),
    );
    expect(apimApi.listSubscriptions).toHaveBeenCalledWith({
      applicationId: APP_ID,
      limit: 100,
    });
    expect(apimApi.listKeys).toHaveBeenCalledWith(APP_ID);

    const row = await screen.findByRole('row', {
      name: 'payments-api free sandbox',
    });
    expect(row).toHaveTextContent('active');
    await userEvent.click(
      within(row).getByRole('button', { name: /Show history/ }),
    );
    const history = await screen.findByRole('list', {
      name: 'Subscription history',
    });
    expect(history).toHaveTextContent('pending → active by carol');
    expect(history).toHaveTextContent('“Welcome aboard”');

    const sandbox = screen.getByRole('region', { name: 'Sandbox keys' });
    expect(within(sandbox).getByText('pt_sbx_7Hq2…x9Qa')).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Production keys' }),
    ).toHaveTextContent('No active key in Production.');
    expect(screen.getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeInTheDocument();
  });

  it('shows a new key once, with a copy button, and never again', async () => {
    const apimApi = apiForApplication();
    apimApi.createKey.mockResolvedValueOnce({
      key: apiKey({
        id: 'k-2',
        environment: 'production',
        prefix: 'pt_prod_9Zx1',
        last4: 'Ab12',
      }),
      secret: SECRET,
    });
    renderPage(apimApi);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Create Production key' }),
    );
    const create = await screen.findByRole('dialog', {
      name: 'New Production key',
    });
    await userEvent.selectOptions(
      within(create).getByRole('combobox', { name: 'Expires' }),
      '30',
    );
    await userEvent.click(
      within(create).getByRole('button', { name: 'Create key' }),
    );

    const shown = await screen.findByRole('dialog', {
      name: 'Your new Production API key',
    });
    expect(within(shown).getByLabelText('API key secret')).toHaveTextContent(
      SECRET,
    );
    expect(shown).toHaveTextContent(
      'Copy this key now: you will not see it again.',
    );
    expect(
      within(shown).getByRole('button', { name: 'Copy the API key' }),
    ).toBeInTheDocument();
    expect(apimApi.createKey).toHaveBeenCalledWith(APP_ID, {
      environment: 'production',
      expiresInDays: 30,
    });
    expect(apimApi.listKeys).toHaveBeenCalledTimes(2);

    await userEvent.click(
      within(shown).getByRole('button', { name: 'I have copied the key' }),
    );

    await waitFor(() =>
      expect(screen.queryByText(SECRET)).not.toBeInTheDocument(),
    );
    expect(document.body).not.toHaveTextContent(SECRET);
  });

  it('checks a custom expiry before asking for a key', async () => {
    const apimApi = apiForApplication();
    renderPage(apimApi);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Create Sandbox key' }),
    );
    const create = await screen.findByRole('dialog', {
      name: 'New Sandbox key',
    });
    await userEvent.selectOptions(
      within(create).getByRole('combobox', { name: 'Expires' }),
      'custom',
    );
    await fill(
      within(create).getByRole('spinbutton', { name: 'Days until it expires' }),
      '1000',
    );
    await userEvent.click(
      within(create).getByRole('button', { name: 'Create key' }),
    );

    expect(
      within(create).getByRole('spinbutton', { name: 'Days until it expires' }),
    ).toBeInvalid();
    expect(apimApi.createKey).not.toHaveBeenCalled();
  });

  it('rotates a key with a grace period and shows the new secret once', async () => {
    const apimApi = apiForApplication();
    apimApi.rotateKey.mockResolvedValueOnce({
      key: apiKey({ id: 'k-3', prefix: 'pt_sbx_Rr55', last4: 'Zz99' }),
      secret: SECRET,
    });
    renderPage(apimApi);

    const row = await screen.findByRole('row', { name: 'pt_sbx_7Hq2…x9Qa' });
    await userEvent.click(within(row).getByRole('button', { name: 'Rotate' }));
    const rotate = await screen.findByRole('dialog', { name: 'Rotate key' });
    await userEvent.selectOptions(
      within(rotate).getByRole('combobox', {
        name: 'Old key keeps working for',
      }),
      '72',
    );
    await userEvent.click(
      within(rotate).getByRole('button', { name: 'Rotate' }),
    );

    const shown = await screen.findByRole('dialog', {
      name: 'Your new Sandbox API key',
    });
    expect(shown).toHaveTextContent(SECRET);
    expect(shown).toHaveTextContent(
      'The previous key keeps working for 72 hours',
    );
    expect(apimApi.rotateKey).toHaveBeenCalledWith('k-1', { graceHours: 72 });
  });

  it('revokes a key only once confirmed', async () => {
    const apimApi = apiForApplication();
    apimApi.revokeKey.mockResolvedValueOnce(apiKey({ status: 'revoked' }));
    renderPage(apimApi);

    const row = await screen.findByRole('row', { name: 'pt_sbx_7Hq2…x9Qa' });
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Revoke this key?',
    });
    expect(confirm).toHaveTextContent('stops working in Sandbox at once');
    expect(apimApi.revokeKey).not.toHaveBeenCalled();

    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Revoke key' }),
    );

    await waitFor(() => expect(apimApi.revokeKey).toHaveBeenCalledWith('k-1'));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('subscribes to a plan after showing what each plan offers', async () => {
    const apimApi = apiForApplication();
    apimApi.createSubscription.mockResolvedValueOnce(
      subscription({
        state: 'pending',
        plan: 'gold',
        environment: 'production',
      }),
    );
    renderPage(apimApi);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Subscribe to an API' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Subscribe checkout-web to an API',
    });
    await userEvent.click(within(dialog).getByRole('textbox', { name: /API/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: /Payments API/ }),
    );

    const gold = within(dialog).getByRole('radio', { name: 'Gold' });
    expect(gold.closest('label')).toHaveTextContent(
      "Gold · needs the API owners' approval",
    );
    expect(gold.closest('label')).toHaveTextContent(
      '200 req/s · 5,000,000 / month',
    );
    expect(
      within(dialog).getByRole('radio', { name: 'Free' }).closest('label'),
    ).toHaveTextContent('Free · active at once');
    await userEvent.click(gold);
    // The application uses sandbox and production; gold offers both.
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: /Environment/ }),
      'production',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request access' }),
    );

    expect(
      await screen.findByText(/waits for the API owners' approval/),
    ).toBeInTheDocument();
    expect(apimApi.createSubscription).toHaveBeenCalledWith({
      applicationId: APP_ID,
      apiRef: 'api:default/payments-api',
      plan: 'gold',
      environment: 'production',
    });
  });

  it('deletes the application once its name is typed again', async () => {
    const apimApi = apiForApplication();
    apimApi.deleteApplication.mockResolvedValueOnce(undefined);
    renderPage(apimApi);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete' }),
    );
    const confirm = await screen.findByRole('dialog', {
      name: 'Delete checkout-web?',
    });
    const button = within(confirm).getByRole('button', {
      name: 'Delete application',
    });
    expect(button).toBeDisabled();

    await fill(within(confirm).getByRole('textbox'), 'checkout-web');
    await userEvent.click(button);

    expect(await screen.findByText('Application deleted')).toBeInTheDocument();
    expect(apimApi.deleteApplication).toHaveBeenCalledWith(APP_ID);
  });

  it('says so when the application does not exist', async () => {
    const apimApi = mockApimApi({
      getApplication: async () => {
        throw await responseError(404, 'NotFoundError', 'No application');
      },
    });
    renderPage(apimApi);

    expect(await screen.findByText('No such application')).toBeInTheDocument();
  });
});
