import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import {
  FINDING,
  mockSecurityApi,
  renderSecurity,
} from '../../__testUtils__/renderSecurity';
import { SecurityPage } from './SecurityPage';

const SECOND = {
  ...FINDING,
  id: '3f2b1c0d-1111-4222-8333-777788889999',
  ruleId: 'CVE-2024-2511',
  severity: 'high' as const,
};

function twoFindings() {
  return mockSecurityApi({
    listFindings: async q => ({
      items: [FINDING, SECOND],
      totalCount: 2,
      limit: Number(q.limit ?? 25),
      offset: 0,
    }),
  });
}

describe('SecurityPage bulk triage and trend', () => {
  it('moves the selected findings in one call and reloads', async () => {
    const securityApi = twoFindings();
    securityApi.bulkTriage.mockResolvedValue({
      items: [
        { ...FINDING, state: 'acknowledged' },
        { ...SECOND, state: 'acknowledged' },
      ],
    });
    await renderSecurity(<SecurityPage />, {
      securityApi,
      mountPath: '/security',
      url: '/security',
    });
    fireEvent.click(
      await screen.findByLabelText('Select CVE-2023-5363', undefined, {
        timeout: 10_000,
      }),
    );
    fireEvent.click(screen.getByLabelText('Select CVE-2024-2511'));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() =>
      expect(securityApi.bulkTriage).toHaveBeenCalledWith({
        ids: [FINDING.id, SECOND.id],
        action: 'acknowledge',
      }),
    );
    expect(await screen.findByText('2 findings updated')).toBeInTheDocument();
    expect(screen.queryByText('2 selected')).not.toBeInTheDocument();
    await waitFor(() =>
      expect(securityApi.listFindings.mock.calls.length).toBeGreaterThan(1),
    );
  });

  it('says which finding stopped the call', async () => {
    const securityApi = twoFindings();
    securityApi.bulkTriage.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'ConflictError',
              message: `ids.1: finding ${SECOND.id} is fixed and cannot start`,
            },
            response: { statusCode: 409 },
          }),
          { status: 409, headers: { 'Content-Type': 'application/json' } },
        ) as any,
      ),
    );
    await renderSecurity(<SecurityPage />, {
      securityApi,
      mountPath: '/security',
      url: '/security',
    });
    fireEvent.click(
      await screen.findByLabelText(
        'Select every finding of this page',
        undefined,
        {
          timeout: 10_000,
        },
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'In progress' }));
    expect(
      await screen.findByText(
        `ids.1: finding ${SECOND.id} is fixed and cannot start`,
      ),
    ).toBeInTheDocument();
    expect(securityApi.bulkTriage).toHaveBeenCalledWith({
      ids: [FINDING.id, SECOND.id],
      action: 'start',
    });
    // Still selected, to try again.
    expect(screen.getByText('2 selected')).toBeInTheDocument();
  });

  it('charts the open findings over 30 days with the mean time to fix', async () => {
    const securityApi = mockSecurityApi();
    await renderSecurity(<SecurityPage />, {
      securityApi,
      mountPath: '/security',
      url: '/security',
    });
    expect(
      await screen.findByLabelText('Open findings over time', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Mean time to fix over the period: critical 30 h'),
    ).toBeInTheDocument();
    expect(securityApi.getTrend).toHaveBeenCalledWith({ days: 30 });
    expect(screen.getByText('Weekly report')).toBeInTheDocument();
  });
});
