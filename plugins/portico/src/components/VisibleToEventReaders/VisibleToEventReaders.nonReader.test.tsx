import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { porticoEventsReadPermission } from '@portico/plugin-portico-common';
import { permissionsAllowing } from '../../__testUtils__/permissions';
import { VisibleToEventReaders } from './VisibleToEventReaders';

// A separate file from the reader's case: usePermission caches decisions per test file.
describe('VisibleToEventReaders, for those who may not read events', () => {
  it('hides the nav item once the permission is denied', async () => {
    const permissionApi = permissionsAllowing();
    const authorize = jest.spyOn(permissionApi, 'authorize');
    renderInTestApp(
      <VisibleToEventReaders>
        <a href="/events">Events</a>
      </VisibleToEventReaders>,
      { apis: [permissionApi] },
    );

    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({ permission: porticoEventsReadPermission }),
      ),
    );
    expect(
      screen.queryByRole('link', { name: 'Events' }),
    ).not.toBeInTheDocument();
  });
});
