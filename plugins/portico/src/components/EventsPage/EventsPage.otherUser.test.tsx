import { screen } from '@testing-library/react';
import {
  mockEventsApi,
  renderEventsPage,
} from '../../__testUtils__/renderEventsPage';

describe('EventsPage for a user who is not a portal admin', () => {
  it('says who may see events, without asking the server', async () => {
    const eventsApi = mockEventsApi();
    renderEventsPage(eventsApi, { allowed: [] });

    expect(
      await screen.findByText(/Only portal admins can see events/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('State')).not.toBeInTheDocument();
    expect(eventsApi.listEvents).not.toHaveBeenCalled();
  });
});
