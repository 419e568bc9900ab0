import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fill } from '../../__testUtils__/render';
import { HARDWARE, mockServicedeskApi, PASSWORD_RESET, renderServicedesk, ticket } from '../../__testUtils__/render';
import { ServiceCatalog } from './ServiceCatalog';

jest.setTimeout(30_000);

describe('ServiceCatalog', () => {
  it('shows the services by category with their SLA and mode', async () => {
    const api = mockServicedeskApi({ listServices: async () => [HARDWARE, { ...PASSWORD_RESET, category: 'Accounts' }] });
    await renderServicedesk(<ServiceCatalog />, { api });
    expect(await screen.findByRole('heading', { name: 'IT' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Accounts' })).toBeInTheDocument();
    const card = screen.getByTestId('service-hardware_request');
    expect(card).toHaveTextContent('SLA 48 h');
    expect(card).toHaveTextContent('Manual');
    expect(screen.getByTestId('service-password_reset')).toHaveTextContent('Automatic');
  });

  it('renders the form from the service schema, checks it in the browser, and files the request', async () => {
    const api = mockServicedeskApi({
      listServices: async () => [HARDWARE],
      createRequest: async () => ticket({ ticketId: 'SD-000042' }),
    });
    await renderServicedesk(<ServiceCatalog />, { api });
    await userEvent.click(await screen.findByRole('button', { name: 'Request Hardware request' }));
    const dialog = await screen.findByRole('dialog', { name: 'Hardware request' });
    await fill(within(dialog).getByRole('textbox', { name: 'Summary' }), 'A second screen');

    // Required fields of the schema are checked before anything is sent.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Submit request' }));
    expect(await within(dialog).findAllByText(/must have required property/)).not.toHaveLength(0);
    expect(api.createRequest).not.toHaveBeenCalled();

    await fill(within(dialog).getByRole('textbox', { name: /Delivery location/ }), 'Lyon');
    await userEvent.click(within(dialog).getByRole('button', { name: /^Item/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'monitor' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Submit request' }));
    await waitFor(() =>
      expect(api.createRequest).toHaveBeenCalledWith({
        service: 'hardware_request',
        title: 'A second screen',
        priority: 'medium',
        formData: { item: 'monitor', quantity: 1, deliveryLocation: 'Lyon' },
      }),
    );
  });

  it('shows the server refusal, naming the field', async () => {
    const api = mockServicedeskApi({
      listServices: async () => [PASSWORD_RESET],
      createRequest: async () => {
        throw new Error('formData.account: must match format "email"');
      },
    });
    await renderServicedesk(<ServiceCatalog />, { api });
    await userEvent.click(await screen.findByRole('button', { name: 'Request Password reset' }));
    const dialog = await screen.findByRole('dialog', { name: 'Password reset' });
    await fill(within(dialog).getByRole('textbox', { name: 'Summary' }), 'Locked out');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Submit request' }));
    expect(await within(dialog).findByText('formData.account: must match format "email"')).toBeInTheDocument();
  });
});
