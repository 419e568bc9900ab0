import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { WeeklyReport } from '@portico/plugin-security-common';
import {
  mockSecurityApi,
  renderSecurity,
} from '../../__testUtils__/renderSecurity';
import { shiftWeek, WeeklyReportPage } from './WeeklyReportPage';

const REPORT: WeeklyReport = {
  week: '2026-W49',
  from: '2026-11-30T00:00:00.000Z',
  to: '2026-12-07T00:00:00.000Z',
  teams: [
    {
      ownerRef: 'group:default/payments-team',
      opened: 5,
      fixed: 2,
      overdue: 1,
      accepted: 1,
      meanTimeToFixHours: 36.5,
    },
  ],
};

describe('shiftWeek', () => {
  it.each([
    ['2026-W49', -1, '2026-W48'],
    ['2026-W53', 1, '2027-W01'],
    ['2027-W01', -1, '2026-W53'],
    ['2025-W01', -1, '2024-W52'],
  ])('%p %p → %p', (week, delta, expected) => {
    expect(shiftWeek(week, delta)).toBe(expected);
  });
});

describe('WeeklyReportPage', () => {
  it('shows each team’s numbers for the week in the URL, moves by week, exports CSV', async () => {
    const securityApi = mockSecurityApi({
      getWeeklyReport: async week => ({ ...REPORT, week: week ?? REPORT.week }),
      getWeeklyReportCsv: async () => 'week,team\r\n',
    });
    const createObjectURL = jest.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await renderSecurity(<WeeklyReportPage />, {
      securityApi,
      url: '/security/report?week=2026-W49',
      mountPath: '/security/report',
    });
    expect(
      await screen.findByText('payments-team', undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(securityApi.getWeeklyReport).toHaveBeenCalledWith('2026-W49');
    expect(screen.getByText('36.5 h')).toBeInTheDocument();
    expect(screen.getByText('Week 2026-W49')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() =>
      expect(securityApi.getWeeklyReportCsv).toHaveBeenCalledWith('2026-W49'),
    );
    expect(createObjectURL).toHaveBeenCalled();

    fireEvent.click(screen.getByLabelText('Previous week'));
    await waitFor(() =>
      expect(securityApi.getWeeklyReport).toHaveBeenCalledWith('2026-W48'),
    );
  });

  it('says so when no team has numbers', async () => {
    await renderSecurity(<WeeklyReportPage />, {
      securityApi: mockSecurityApi({
        getWeeklyReport: async () => ({ ...REPORT, teams: [] }),
      }),
      url: '/security/report',
      mountPath: '/security/report',
    });
    expect(
      await screen.findByText(/No team had findings/, undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
  });
});
