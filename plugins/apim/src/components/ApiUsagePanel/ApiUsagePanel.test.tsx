import { fireEvent, screen, within } from '@testing-library/react';
import type { ApiUsage } from '@portico/plugin-apim-common';
import { mockApimApi, responseError } from '../../__testUtils__/mockApimApi';
import { renderApim } from '../../__testUtils__/renderApim';
import { ApiUsagePanel, usageByApplication } from './ApiUsagePanel';

const day = (d: string, applicationId: string, requests: number, extra: Partial<ApiUsage['days'][number]> = {}) => ({
  day: d,
  applicationId,
  apiRef: 'api:default/payments-api',
  environment: 'sandbox' as const,
  requests,
  status4xx: 0,
  status5xx: 0,
  rateLimited: 0,
  ...extra,
});

const USAGE: ApiUsage = {
  days: [
    day('2026-12-03', 'a-1', 10, { status4xx: 2, p95Ms: 25 }),
    day('2026-12-05', 'a-1', 30, { status5xx: 3, p95Ms: 100 }),
    day('2026-12-05', 'a-1', 5, { environment: 'staging' as any }),
    day('2026-12-04', 'a-2', 1_200, { p95Ms: 10 }),
  ],
  applications: [
    { id: 'a-1', name: 'checkout-web' },
    { id: 'a-2', name: 'ledger' },
  ],
};

describe('usageByApplication', () => {
  it('adds environments per application on one day axis, keeps the worst p95, busiest first', () => {
    const rows = usageByApplication(USAGE);
    expect(rows.map(r => [r.name, r.requests, r.status4xx, r.status5xx, r.p95Ms])).toEqual([
      ['ledger', 1_200, 0, 0, 10],
      ['checkout-web', 45, 2, 3, 100],
    ]);
    expect(rows[1].points).toEqual([
      { day: '2026-12-03', requests: 10 },
      { day: '2026-12-04', requests: 0 },
      { day: '2026-12-05', requests: 35 },
    ]);
  });
});

describe('ApiUsagePanel', () => {
  beforeEach(() => {
    (URL as any).createObjectURL = jest.fn(() => 'blob:x');
    (URL as any).revokeObjectURL = jest.fn();
  });

  it('charts requests per day per application with errors and p95, and downloads the CSV', async () => {
    const apimApi = mockApimApi({
      getApiUsage: async () => USAGE,
      getApiUsageCsv: async () => 'day,applicationId\n',
    });
    await renderApim(<ApiUsagePanel apiRef="api:default/payments-api" apiName="payments-api" />, { apimApi });
    const table = await screen.findByRole('table', { name: 'Usage per application' });
    const checkout = within(table).getByRole('row', { name: /checkout-web/ });
    expect(within(checkout).getAllByRole('cell').map(c => c.textContent)).toEqual([
      'checkout-web',
      '',
      '45',
      '2',
      '3',
      '≤ 100 ms',
    ]);
    expect(
      within(checkout).getByRole('img', {
        name: 'checkout-web, requests per day: 2026-12-03 10, 2026-12-04 0, 2026-12-05 35',
      }),
    ).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /ledger/ })).toHaveTextContent('1,200');
    expect(apimApi.getApiUsage).toHaveBeenCalledWith('api:default/payments-api', 30);

    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await screen.findByRole('button', { name: 'Download CSV' });
    expect(apimApi.getApiUsageCsv).toHaveBeenCalledWith('api:default/payments-api', 30);
    expect(URL.createObjectURL).toHaveBeenCalled();
  });

  it('says when nothing went through, and why it failed when the server refuses', async () => {
    const empty = mockApimApi({ getApiUsage: async () => ({ days: [], applications: [] }) });
    const { unmount } = await renderApim(<ApiUsagePanel apiRef="api:default/payments-api" apiName="payments-api" />, {
      apimApi: empty,
    });
    expect(await screen.findByText('No calls through the gateway in the last 30 days.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
    unmount();

    const refused = mockApimApi({
      getApiUsage: async () => {
        throw await responseError(403, 'NotAllowedError', 'Only the owners of api:default/payments-api see its usage');
      },
    });
    await renderApim(<ApiUsagePanel apiRef="api:default/payments-api" apiName="payments-api" />, { apimApi: refused });
    expect(await screen.findByText(/Only the owners of api:default\/payments-api see its usage/)).toBeInTheDocument();
  });
});
