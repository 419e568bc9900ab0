import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  daily,
  renderSchedulesPage,
  weekly,
} from '../../__testUtils__/renderSchedulesPage';

describe('SchedulesPage (portal admin)', () => {
  it('lists schedules with their trigger, last run and pause reason; enable and run now call the API', async () => {
    const { api } = await renderSchedulesPage({
      allowed: ['portico.schedules.read', 'portico.schedules.manage'],
    });
    const dailyRow = await screen.findByTestId('schedule-Daily Trivy scan');
    expect(dailyRow).toHaveTextContent('every day at 06:00 UTC');
    expect(dailyRow).toHaveTextContent('2026-12-07 06:00 UTC');
    expect(dailyRow).toHaveTextContent('failed');
    expect(dailyRow).toHaveTextContent("The template's task failed");
    expect(
      within(dailyRow).getByRole('link', { name: 'task' }),
    ).toHaveAttribute('href', '/create/tasks/task-9');

    const weeklyRow = screen.getByTestId('schedule-Weekly security report');
    expect(weeklyRow).toHaveTextContent('every Monday at 07:00 UTC');
    expect(weeklyRow).toHaveTextContent('never run');
    expect(weeklyRow).toHaveTextContent(
      'Paused: template:default/x is not annotated',
    );

    await waitFor(() =>
      expect(
        screen.getByRole('checkbox', { name: 'Enable Weekly security report' }),
      ).toBeEnabled(),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Enable Weekly security report' }),
    );
    await waitFor(() =>
      expect(api.setEnabled).toHaveBeenCalledWith(weekly.id, true),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Run Daily Trivy scan now' }),
    );
    await waitFor(() => expect(api.runNow).toHaveBeenCalledWith(daily.id));
    await waitFor(() => expect(api.listSchedules).toHaveBeenCalledTimes(3));
  });
});
