import { screen, waitFor } from '@testing-library/react';
import { mockApimApi } from '../../__testUtils__/mockApimApi';
import { application } from '../../__testUtils__/fixtures';
import { renderApim } from '../../__testUtils__/renderApim';
import { ApplicationUsage, usageTotals } from './ApplicationUsage';

const DAYS = [
  { day: '2026-12-04', applicationId: 'a', apiRef: 'api:default/payments-api', environment: 'sandbox' as const, requests: 10, status4xx: 1, status5xx: 0, rateLimited: 2, p95Ms: 25 },
  { day: '2026-12-05', applicationId: 'a', apiRef: 'api:default/payments-api', environment: 'sandbox' as const, requests: 30, status4xx: 0, status5xx: 3, rateLimited: 0, p95Ms: 100 },
  { day: '2026-12-05', applicationId: 'a', apiRef: 'api:default/echo-api', environment: 'sandbox' as const, requests: 5, status4xx: 0, status5xx: 0, rateLimited: 0 },
];

describe('usageTotals', () => {
  it('adds the days per API and environment, keeps the worst p95, busiest first', () => {
    expect(usageTotals(DAYS)).toEqual([
      { apiRef: 'api:default/payments-api', environment: 'sandbox', requests: 40, status4xx: 1, status5xx: 3, rateLimited: 2, p95Ms: 100 },
      { apiRef: 'api:default/echo-api', environment: 'sandbox', requests: 5, status4xx: 0, status5xx: 0, rateLimited: 0 },
    ]);
  });
});

describe('ApplicationUsage', () => {
  it('shows the totals and the daily bars', async () => {
    const apimApi = mockApimApi({ getApplicationUsage: async () => DAYS });
    await renderApim(<ApplicationUsage application={application()} />, { apimApi });
    expect(await screen.findByRole('cell', { name: '40' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '≤ 100 ms' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /2026-12-05 35/ })).toBeInTheDocument();
    expect(apimApi.getApplicationUsage).toHaveBeenCalledWith(application().id, 30);
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeEnabled();
  });

  it('says how usage arrives when there is none', async () => {
    const apimApi = mockApimApi({ getApplicationUsage: async () => [] });
    await renderApim(<ApplicationUsage application={application()} />, { apimApi });
    await waitFor(() => expect(screen.getByText(/No calls through the gateway/)).toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  });
});
