import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  daily,
  mockSchedulesApi,
  renderSchedulesPage,
} from '../../__testUtils__/renderSchedulesPage';
import { responseError } from '../../__testUtils__/renderEventsPage';

jest.setTimeout(30_000);

// A portal admin (one user per file: usePermission caches its decisions).
const allowed = ['portico.schedules.read', 'portico.schedules.manage'];

async function openNewScheduleDialog() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'New schedule' }),
  );
  return screen.findByRole('dialog', { name: 'New schedule' });
}

/** Types into a field as a paste: user-event reads `{` in typed text as a key name. */
async function replaceText(field: HTMLElement, text: string) {
  await userEvent.clear(field);
  await userEvent.click(field);
  await userEvent.paste(text);
}

describe('SchedulesPage: creating, changing and deleting schedules', () => {
  it('offers only schedulable templates and creates the schedule with exactly the form body', async () => {
    const { api, catalogApi, alertApi } = await renderSchedulesPage({
      allowed,
    });
    const dialog = await openNewScheduleDialog();

    const templatePicker = within(dialog).getByRole('combobox', {
      name: /Template/,
    });
    await waitFor(() =>
      expect(within(templatePicker).getAllByRole('option')).toHaveLength(2),
    );
    expect(
      within(templatePicker)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'Choose a template',
      'Scheduled Trivy scan (template:default/scheduled-trivy-scan)',
    ]);
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          kind: 'template',
          'metadata.annotations.portico.io/schedulable': 'true',
        },
      }),
    );

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Name/ }),
      'Nightly Trivy scan',
    );
    await userEvent.selectOptions(
      templatePicker,
      'template:default/scheduled-trivy-scan',
    );
    expect(dialog).toHaveTextContent(
      'Scheduled Trivy scan asks for: severity*, target (* required)',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Cron expression/ }),
      '30 2 * * *',
    );
    expect(dialog).toHaveTextContent('every day at 02:30 UTC');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Owner/ }),
      'group:default/security',
    );
    await replaceText(
      within(dialog).getByRole('textbox', { name: /Parameter values/ }),
      '{"severity": "HIGH", "target": "payments", "days": 7}',
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Enabled' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create schedule' }),
    );

    await waitFor(() => expect(api.createSchedule).toHaveBeenCalledTimes(1));
    expect(api.createSchedule).toHaveBeenCalledWith({
      name: 'Nightly Trivy scan',
      templateRef: 'template:default/scheduled-trivy-scan',
      cron: '30 2 * * *',
      parameters: { severity: 'HIGH', target: 'payments', days: 7 },
      owner: 'group:default/security',
      enabled: true,
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const alert = await alertApi.waitForAlert(
      ({ severity }) => severity === 'success',
    );
    expect(alert.message).toBe('Nightly Trivy scan created');
    await waitFor(() => expect(api.listSchedules).toHaveBeenCalledTimes(2));
  });

  it('shows the server’s 400 next to the field it names, and its 409 and 403 in the dialog', async () => {
    const api = mockSchedulesApi();
    api.createSchedule
      .mockRejectedValueOnce(
        await responseError(
          400,
          'InputError',
          'cron: must have five fields: minute hour day-of-month month day-of-week',
        ),
      )
      .mockRejectedValueOnce(
        await responseError(
          409,
          'ConflictError',
          'name: a schedule named Daily Trivy scan exists',
        ),
      )
      .mockRejectedValueOnce(
        await responseError(
          403,
          'NotAllowedError',
          'You need the portico.schedules.manage permission',
        ),
      );
    await renderSchedulesPage({ allowed, api });
    const dialog = await openNewScheduleDialog();
    const templatePicker = within(dialog).getByRole('combobox', {
      name: /Template/,
    });
    await waitFor(() =>
      expect(within(templatePicker).getAllByRole('option')).toHaveLength(2),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Name/ }),
      'Daily Trivy scan',
    );
    await userEvent.selectOptions(
      templatePicker,
      'template:default/scheduled-trivy-scan',
    );
    const cron = within(dialog).getByRole('textbox', {
      name: /Cron expression/,
    });
    await userEvent.type(cron, '0 6 * *');
    const create = within(dialog).getByRole('button', {
      name: 'Create schedule',
    });

    await userEvent.click(create);
    expect(
      await within(dialog).findByText(
        'must have five fields: minute hour day-of-month month day-of-week',
      ),
    ).toBeInTheDocument();
    expect(cron).toHaveAttribute('aria-invalid', 'true');
    expect(cron).toHaveAccessibleDescription(
      'must have five fields: minute hour day-of-month month day-of-week',
    );

    await userEvent.click(create);
    expect(
      await within(dialog).findByText(
        'a schedule named Daily Trivy scan exists',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('textbox', { name: /Name/ }),
    ).toHaveAttribute('aria-invalid', 'true');

    await userEvent.click(create);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'You need the portico.schedules.manage permission',
    );
    expect(api.createSchedule).toHaveBeenCalledTimes(3);
    expect(
      screen.getByRole('dialog', { name: 'New schedule' }),
    ).toBeInTheDocument();
  });

  it('does not send parameters that are not a JSON object', async () => {
    const { api } = await renderSchedulesPage({ allowed });
    const dialog = await openNewScheduleDialog();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Name/ }),
      'Nightly Trivy scan',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Cron expression/ }),
      '0 6 * * *',
    );
    const parameters = within(dialog).getByRole('textbox', {
      name: /Parameter values/,
    });
    await replaceText(parameters, 'severity: HIGH');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create schedule' }),
    );

    expect(parameters).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByText(/^not valid JSON/)).toBeInTheDocument();
    expect(api.createSchedule).not.toHaveBeenCalled();
  });

  it('edits a schedule: the form starts from it and the patch leaves the template alone', async () => {
    const api = mockSchedulesApi([
      { ...daily, parameters: { severity: 'HIGH' } },
    ]);
    await renderSchedulesPage({ allowed, api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit Daily Trivy scan' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Edit Daily Trivy scan',
    });
    expect(
      within(dialog).getByRole('textbox', { name: /Template/ }),
    ).toBeDisabled();
    expect(
      within(dialog).getByRole('textbox', { name: /Template/ }),
    ).toHaveValue('template:default/scheduled-trivy-scan');
    expect(
      within(dialog).getByRole('checkbox', { name: 'Enabled' }),
    ).toBeChecked();

    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: /Runs/ }),
      'interval',
    );
    await userEvent.type(
      within(dialog).getByRole('spinbutton', { name: /Interval in minutes/ }),
      '120',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save changes' }),
    );

    await waitFor(() =>
      expect(api.updateSchedule).toHaveBeenCalledWith(daily.id, {
        name: 'Daily Trivy scan',
        intervalMinutes: 120,
        parameters: { severity: 'HIGH' },
        owner: 'group:default/security',
        enabled: true,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('deletes a schedule only once asked to confirm, and shows a refusal in the confirmation', async () => {
    const api = mockSchedulesApi();
    api.deleteSchedule.mockRejectedValueOnce(
      await responseError(404, 'NotFoundError', `No schedule ${daily.id}`),
    );
    await renderSchedulesPage({ allowed, api });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete Daily Trivy scan' }),
    );
    let confirm = await screen.findByRole('dialog', {
      name: 'Delete Daily Trivy scan?',
    });
    expect(api.deleteSchedule).not.toHaveBeenCalled();
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.deleteSchedule).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Delete Daily Trivy scan' }),
    );
    confirm = await screen.findByRole('dialog', {
      name: 'Delete Daily Trivy scan?',
    });
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Delete' }),
    );
    expect(await within(confirm).findByRole('alert')).toHaveTextContent(
      `No schedule ${daily.id}`,
    );

    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.deleteSchedule).toHaveBeenCalledTimes(2);
    expect(api.deleteSchedule).toHaveBeenLastCalledWith(daily.id);
    await waitFor(() => expect(api.listSchedules).toHaveBeenCalledTimes(2));
  });
});
