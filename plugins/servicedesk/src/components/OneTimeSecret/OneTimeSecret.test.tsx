import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockServicedeskApi, renderServicedesk, ticket } from '../../__testUtils__/render';
import { RequestPage } from '../RequestPage/RequestPage';

jest.setTimeout(30_000);

describe('OneTimeSecret on the request page', () => {
  it('reveals the temporary password once, on demand', async () => {
    const api = mockServicedeskApi({
      getRequest: async () => ticket({ status: 'resolved', resolutionNotes: 'Password reset' }),
      secretStatus: async () => ({ available: true, label: 'Temporary password for alice@portico.example' }),
      revealSecret: async () => ({ label: 'Temporary password for alice@portico.example', secret: 'Xy7-pQ2!mN4#rT8k' }),
    });
    await renderServicedesk(<RequestPage />, { api, url: '/servicedesk/requests/SD-000007', mountPath: '/servicedesk/requests/:ticketId' });
    expect(await screen.findByText(/It can be shown once, to you only/)).toBeInTheDocument();
    expect(screen.queryByTestId('one-time-secret')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reveal' }));
    expect(await screen.findByTestId('one-time-secret')).toHaveTextContent('Xy7-pQ2!mN4#rT8k');
    expect(api.revealSecret).toHaveBeenCalledTimes(1);
    expect(api.revealSecret).toHaveBeenCalledWith('SD-000007');
  });

  it('says when it was revealed, without showing it', async () => {
    const api = mockServicedeskApi({
      getRequest: async () => ticket({ status: 'resolved', resolutionNotes: 'Password reset' }),
      secretStatus: async () => ({ available: false, label: 'Temporary password', revealedAt: '2026-11-02T10:00:00.000Z' }),
    });
    await renderServicedesk(<RequestPage />, { api, url: '/servicedesk/requests/SD-000007', mountPath: '/servicedesk/requests/:ticketId' });
    expect(await screen.findByTestId('one-time-secret-revealed')).toHaveTextContent('no longer stored');
    expect(screen.queryByRole('button', { name: 'Reveal' })).not.toBeInTheDocument();
  });
});
