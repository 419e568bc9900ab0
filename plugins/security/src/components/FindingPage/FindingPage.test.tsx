import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  details,
  FINDING,
  mockSecurityApi,
  renderSecurity,
} from '../../__testUtils__/renderSecurity';
import { FindingPage } from './FindingPage';

const at = {
  url: `/security/findings/${FINDING.id}`,
  mountPath: '/security/findings/:id',
};

describe('FindingPage', () => {
  it('shows the details and no action when the server allows none', async () => {
    await renderSecurity(<FindingPage />, {
      securityApi: mockSecurityApi(),
      ...at,
    });
    expect(
      await screen.findByText('3.1.4-r3', undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Past its SLA/)).toBeInTheDocument();
    expect(screen.queryByText('Acknowledge')).not.toBeInTheDocument();
    expect(
      screen.queryByText('Ask to accept the risk'),
    ).not.toBeInTheDocument();
  });

  it('triages with the revision it read', async () => {
    const securityApi = mockSecurityApi({
      getFinding: async () =>
        details({
          permittedActions: {
            triage: ['acknowledge', 'start'],
            requestRisk: true,
            decideRisk: false,
            fileTicket: false,
          },
        }),
      triage: async () => details({ state: 'acknowledged' }),
    });
    await renderSecurity(<FindingPage />, { securityApi, ...at });
    fireEvent.click(
      await screen.findByText('Acknowledge', undefined, { timeout: 10_000 }),
    );
    await waitFor(() =>
      expect(securityApi.triage).toHaveBeenCalledWith(
        FINDING.id,
        'acknowledge',
        { revision: 0 },
      ),
    );
    expect(screen.getByText('Ask to accept the risk')).toBeInTheDocument();
  });

  it('files a ticket when the server allows it, then links to it', async () => {
    let linked = false;
    const ticket = {
      ticketId: 'SD-000042',
      componentRef: 'component:default/payments-gateway',
      vulnerabilityId: FINDING.ruleId,
    };
    const securityApi = mockSecurityApi({
      getFinding: async () =>
        linked
          ? details({ ticket })
          : details({
              permittedActions: {
                triage: [],
                requestRisk: false,
                decideRisk: false,
                fileTicket: true,
              },
            }),
      fileTicket: async () => {
        linked = true;
        return { ...ticket, filed: true, linked: true };
      },
    });
    await renderSecurity(<FindingPage />, { securityApi, ...at });
    fireEvent.click(
      await screen.findByText('File ticket', undefined, { timeout: 10_000 }),
    );
    await waitFor(() =>
      expect(securityApi.fileTicket).toHaveBeenCalledWith(FINDING.id),
    );
    const link = await screen.findByRole('link', { name: 'SD-000042' });
    expect(link).toHaveAttribute('href', '/servicedesk/requests/SD-000042');
    expect(screen.queryByText('File ticket')).not.toBeInTheDocument();
  });

  it('offers no ticket button when the server does not allow it', async () => {
    await renderSecurity(<FindingPage />, {
      securityApi: mockSecurityApi(),
      ...at,
    });
    await screen.findByText('3.1.4-r3', undefined, { timeout: 10_000 });
    expect(screen.queryByText('File ticket')).not.toBeInTheDocument();
  });
});
