import { act, screen, waitFor } from '@testing-library/react';
import { renderSchedulesPage } from '../../__testUtils__/renderSchedulesPage';
import { recordingPermissionsAllowing } from '../../__testUtils__/permissions';

// A user who may read schedules but not manage them (one user per file: usePermission caches).
describe('SchedulesPage (readers who may not manage)', () => {
  it('lists the schedules without the ways to create, edit or delete them', async () => {
    const { permissionApi, asked } = recordingPermissionsAllowing(
      'portico.schedules.read',
    );
    const { api, catalogApi } = await renderSchedulesPage({
      allowed: [],
      permissionApi,
    });
    await screen.findByTestId('schedule-Daily Trivy scan');
    // Until the manage decision is in, the page hides the buttons anyway: wait for it.
    await waitFor(() => expect(asked).toContain('portico.schedules.manage'));
    await act(() => new Promise(resolve => setTimeout(resolve, 100)));

    expect(
      screen.getByRole('button', { name: 'Run Daily Trivy scan now' }),
    ).toBeDisabled();
    expect(
      screen.queryByRole('button', { name: 'New schedule' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Edit / }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Delete / }),
    ).not.toBeInTheDocument();
    expect(api.listSchedules).toHaveBeenCalledTimes(1);
    expect(catalogApi.getEntities).not.toHaveBeenCalled();
  });
});
