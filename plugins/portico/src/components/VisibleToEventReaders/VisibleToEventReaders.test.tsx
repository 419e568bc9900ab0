import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { porticoEventsReadPermission } from '@portico/plugin-portico-common';
import { permissionsAllowing } from '../../__testUtils__/permissions';
import { VisibleToEventReaders } from './VisibleToEventReaders';

describe('VisibleToEventReaders, for those who may read events', () => {
  it('shows the nav item', async () => {
    renderInTestApp(
      <VisibleToEventReaders>
        <a href="/events">Events</a>
      </VisibleToEventReaders>,
      { apis: [permissionsAllowing(porticoEventsReadPermission.name)] },
    );

    expect(await screen.findByRole('link', { name: 'Events' })).toHaveAttribute(
      'href',
      '/events',
    );
  });
});
