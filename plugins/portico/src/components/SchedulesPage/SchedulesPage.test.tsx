import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { ScheduleView } from '@portico/plugin-portico-common';
import { porticoSchedulesApiRef } from '../../api';
import { permissionsAllowing } from '../../__testUtils__/permissions';
import { SchedulesPage } from './SchedulesPage';

const daily: ScheduleView = {
  id: '6f1c3f7e-8d2a-4a55-9a1e-1b2c3d4e5f60',
  name: 'Daily Trivy scan',
  templateRef: 'template:default/scheduled-trivy-scan',
  cron: '0 6 * * *',
  parameters: {},
  owner: 'group:default/security',
  enabled: true,
  createdBy: 'user:default/judy',
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedBy: 'user:default/judy',
  updatedAt: '2026-12-01T09:00:00.000Z',
  nextRunAt: '2026-12-07T06:00:00.000Z',
  lastRun: {
    id: 'r1',
    scheduleId: '6f1c3f7e-8d2a-4a55-9a1e-1b2c3d4e5f60',
    trigger: 'schedule',
    triggeredBy: 'plugin:portico',
    taskId: 'task-9',
    status: 'failed',
    message: "The template's task failed",
    startedAt: '2026-12-06T06:00:00.000Z',
    finishedAt: '2026-12-06T06:01:00.000Z',
  },
};
const weekly: ScheduleView = {
  ...daily,
  id: '7f1c3f7e-8d2a-4a55-9a1e-1b2c3d4e5f60',
  name: 'Weekly security report',
  cron: '0 7 * * 1',
  enabled: false,
  pausedReason: 'Paused: template:default/x is not annotated portico.io/schedulable: "true"',
  nextRunAt: undefined,
  lastRun: undefined,
};

function mockApi() {
  return {
    listSchedules: jest.fn(async () => ({ items: [daily, weekly], totalCount: 2, limit: 100, offset: 0 })),
    listRuns: jest.fn(async () => ({ items: [] })),
    setEnabled: jest.fn(async (_id: string, enabled: boolean) => ({ ...weekly, enabled })),
    runNow: jest.fn(async () => ({ ...daily.lastRun!, id: 'r2', status: 'running' as const, taskId: 'task-10', trigger: 'manual' as const })),
  };
}

describe('SchedulesPage (portal admin)', () => {
  it('lists schedules with their trigger, last run and pause reason; enable and run now call the API', async () => {
    const api = mockApi();
    const alertApi = mockApis.alert();
    await renderInTestApp(<SchedulesPage />, {
      apis: [
        [porticoSchedulesApiRef, api],
        permissionsAllowing('portico.schedules.read', 'portico.schedules.manage'),
        alertApi,
      ],
    });
    const dailyRow = await screen.findByTestId('schedule-Daily Trivy scan');
    expect(dailyRow).toHaveTextContent('every day at 06:00 UTC');
    expect(dailyRow).toHaveTextContent('2026-12-07 06:00 UTC');
    expect(dailyRow).toHaveTextContent('failed');
    expect(dailyRow).toHaveTextContent("The template's task failed");
    expect(within(dailyRow).getByRole('link', { name: 'task' })).toHaveAttribute('href', '/create/tasks/task-9');

    const weeklyRow = screen.getByTestId('schedule-Weekly security report');
    expect(weeklyRow).toHaveTextContent('every Monday at 07:00 UTC');
    expect(weeklyRow).toHaveTextContent('never run');
    expect(weeklyRow).toHaveTextContent('Paused: template:default/x is not annotated');

    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Enable Weekly security report' })).toBeEnabled());
    await userEvent.click(screen.getByRole('checkbox', { name: 'Enable Weekly security report' }));
    await waitFor(() => expect(api.setEnabled).toHaveBeenCalledWith(weekly.id, true));

    await userEvent.click(screen.getByRole('button', { name: 'Run Daily Trivy scan now' }));
    await waitFor(() => expect(api.runNow).toHaveBeenCalledWith(daily.id));
    await waitFor(() => expect(api.listSchedules).toHaveBeenCalledTimes(3));
  });
});
