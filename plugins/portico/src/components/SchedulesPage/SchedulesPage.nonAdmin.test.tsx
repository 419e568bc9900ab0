import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { porticoSchedulesApiRef } from '../../api';
import { permissionsAllowing } from '../../__testUtils__/permissions';
import { SchedulesPage } from './SchedulesPage';

// usePermission caches decisions per test file: this file plays a user without the permission.
describe('SchedulesPage (other users)', () => {
  it('says the page is for portal admins and never calls the API', async () => {
    const api = { listSchedules: jest.fn(), listRuns: jest.fn(), setEnabled: jest.fn(), runNow: jest.fn() };
    await renderInTestApp(<SchedulesPage />, {
      apis: [[porticoSchedulesApiRef, api], permissionsAllowing()],
    });
    expect(await screen.findByText(/Only portal admins can see schedules/)).toBeInTheDocument();
    expect(api.listSchedules).not.toHaveBeenCalled();
  });
});
