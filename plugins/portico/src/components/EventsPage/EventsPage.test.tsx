import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { porticoEventsReadPermission } from '@portico/plugin-portico-common';
import { outboxEvent, firstPage } from '../../__testUtils__/fixtures';
import { formatRelativeTime } from '../EventTime';
import {
  mockEventsApi,
  openDetailsOf,
  renderEventsPage,
  responseError,
} from '../../__testUtils__/renderEventsPage';

// An operator who may read events but not retry them.
const allowed = [porticoEventsReadPermission.name];

describe('EventsPage', () => {
  it('lists the events the server returned, newest first, with their delivery state', async () => {
    const eventsApi = mockEventsApi();
    renderEventsPage(eventsApi, { allowed });

    expect(
      screen.getByText(
        'What every Portico plugin published, and where it went',
      ),
    ).toBeInTheDocument();
    const [failingRow, deliveredRow] = (
      await screen.findAllByRole('row')
    ).slice(1);

    expect(failingRow).toHaveTextContent('apim');
    expect(failingRow).toHaveTextContent('subscription-created');
    expect(failingRow).toHaveTextContent('subscription:sub-42');
    expect(failingRow).toHaveTextContent('user:default/alice');
    expect(failingRow).toHaveTextContent('acme');
    expect(failingRow).toHaveTextContent('failing · 3 attempts');
    expect(failingRow).toHaveTextContent(
      /KafkaJSConnectionError: Connection timeout after 30000ms to broker kafka-1\S*…/,
    );
    expect(failingRow).not.toHaveTextContent('(retriable)');
    expect(failingRow.querySelector('time')).toHaveAttribute(
      'datetime',
      '2025-06-01T10:00:00.000Z',
    );
    expect(failingRow.querySelector('time')).toHaveTextContent(
      formatRelativeTime('2025-06-01T10:00:00.000Z'),
    );

    expect(deliveredRow).toHaveTextContent('promotions');
    expect(deliveredRow).toHaveTextContent('promotion-requests');
    expect(deliveredRow).toHaveTextContent('request-approved');
    expect(deliveredRow).toHaveTextContent('user:default/bob');
    expect(deliveredRow).toHaveTextContent('—');
    expect(within(deliveredRow).getByText('delivered')).toBeInTheDocument();

    expect(eventsApi.listEvents).toHaveBeenCalledTimes(1);
    expect(eventsApi.listEvents).toHaveBeenCalledWith({ limit: 50 });
  });

  it('asks the server again when a filter changes', async () => {
    const eventsApi = mockEventsApi();
    renderEventsPage(eventsApi, { allowed });
    await screen.findByText('subscription:sub-42');

    await userEvent.selectOptions(screen.getByLabelText('State'), 'failing');
    await waitFor(() =>
      expect(eventsApi.listEvents).toHaveBeenLastCalledWith({
        state: 'failing',
        limit: 50,
      }),
    );

    await userEvent.selectOptions(screen.getByLabelText('Plugin'), 'apim');
    await userEvent.type(
      screen.getByLabelText('Subject'),
      'subscription:sub-42{Enter}',
    );
    await waitFor(() =>
      expect(eventsApi.listEvents).toHaveBeenLastCalledWith({
        plugin: 'apim',
        subject: 'subscription:sub-42',
        state: 'failing',
        limit: 50,
      }),
    );

    // user-event cannot type into datetime-local inputs; a browser fires one change.
    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2025-06-01T09:30' },
    });
    await waitFor(() =>
      expect(eventsApi.listEvents).toHaveBeenLastCalledWith({
        plugin: 'apim',
        subject: 'subscription:sub-42',
        state: 'failing',
        from: new Date('2025-06-01T09:30').toISOString(),
        limit: 50,
      }),
    );
  });

  it('offers the types of the chosen topic, and drops a type the topic does not carry', async () => {
    const eventsApi = mockEventsApi();
    renderEventsPage(eventsApi, { allowed });
    await screen.findByText('subscription:sub-42');

    await userEvent.type(screen.getByLabelText('Type'), 'api-created{Enter}');
    await waitFor(() =>
      expect(eventsApi.listEvents).toHaveBeenLastCalledWith({
        type: 'api-created',
        limit: 50,
      }),
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Topic'),
      'promotion-requests',
    );
    await waitFor(() =>
      expect(eventsApi.listEvents).toHaveBeenLastCalledWith({
        topic: 'promotion-requests',
        limit: 50,
      }),
    );
    const typeSelect = screen.getByLabelText('Type');
    expect(
      within(typeSelect)
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual([
      'All',
      'request-created',
      'request-approved',
      'request-rejected',
      'deployment-succeeded',
      'deployment-failed',
      'request-expired',
    ]);

    await userEvent.selectOptions(typeSelect, 'request-approved');
    await waitFor(() =>
      expect(eventsApi.listEvents).toHaveBeenLastCalledWith({
        topic: 'promotion-requests',
        type: 'request-approved',
        limit: 50,
      }),
    );
  });

  it('opens with the filters of a shared link', async () => {
    const eventsApi = mockEventsApi();
    renderEventsPage(eventsApi, {
      allowed,
      url: '/events?filters[plugin]=apim&filters[state]=failing&filters[subject]=subscription%3Asub-42&filters[colour]=red',
    });

    await screen.findByText('subscription:sub-42');
    expect(eventsApi.listEvents).toHaveBeenCalledTimes(1);
    expect(eventsApi.listEvents).toHaveBeenCalledWith({
      plugin: 'apim',
      state: 'failing',
      subject: 'subscription:sub-42',
      limit: 50,
    });
    expect(screen.getByLabelText('Plugin')).toHaveValue('apim');
    expect(screen.getByLabelText('State')).toHaveValue('failing');
    expect(screen.getByLabelText('Subject')).toHaveValue('subscription:sub-42');
  });

  it('loads older events with the cursor of the last page', async () => {
    const olderEvent = outboxEvent({
      event: {
        id: 'a3c1f1d2-5b7e-4c8a-9e0f-1d2c3b4a5e6f',
        topic: 'application-created',
        type: 'application-created',
        subject: 'application:billing-app',
      },
    });
    const eventsApi = mockEventsApi();
    eventsApi.listEvents
      .mockResolvedValueOnce({ ...firstPage, nextCursor: 'cursor-2' })
      .mockResolvedValueOnce({ items: [olderEvent], plugins: ['apim'] });
    renderEventsPage(eventsApi, { allowed });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );

    expect(
      await screen.findByText('application:billing-app'),
    ).toBeInTheDocument();
    expect(screen.getByText('subscription:sub-42')).toBeInTheDocument();
    expect(eventsApi.listEvents).toHaveBeenLastCalledWith({
      limit: 50,
      cursor: 'cursor-2',
    });
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('3 events, all shown')).toBeInTheDocument();
  });

  it('shows the envelope and the delivery of the clicked event', async () => {
    renderEventsPage(mockEventsApi(), { allowed });

    const details = await openDetailsOf('subscription:sub-42', 'trace-5f1c2b');

    expect(details).toHaveTextContent(
      '"id": "7d9f6a52-2a4c-4e43-9a57-0f4b1c6a1e01"',
    );
    expect(details).toHaveTextContent('"plan": "gold"');
    expect(details).toHaveTextContent('"actor": "user:default/alice"');

    const targets = within(details).getByRole('table', { name: 'Targets' });
    expect(within(targets).getByText('kafka').closest('tr')).toHaveTextContent(
      'not yet',
    );
    expect(
      within(targets).getByText('events').closest('tr')!.querySelector('time'),
    ).toHaveAttribute('datetime', '2025-06-01T10:00:01.000Z');

    const delivery = within(details).getByRole('table', { name: 'Delivery' });
    expect(
      within(delivery).getByText('Failed attempts').closest('tr'),
    ).toHaveTextContent('3');
    expect(
      within(delivery)
        .getByText('Next attempt')
        .closest('tr')!
        .querySelector('time'),
    ).toHaveAttribute('datetime', '2025-06-01T10:05:00.000Z');
    expect(details).toHaveTextContent('(retriable) at Connection.connect');

    await userEvent.click(
      within(details).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Event details' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('hides "Retry now" from those without the retry permission', async () => {
    renderEventsPage(mockEventsApi(), { allowed });

    const details = await openDetailsOf('subscription:sub-42', 'trace-5f1c2b');

    expect(
      within(details).queryByRole('button', { name: /retry now/i }),
    ).not.toBeInTheDocument();
  });

  it('explains where events come from when there are none yet', async () => {
    renderEventsPage(mockEventsApi({ items: [], plugins: [] }), { allowed });

    expect(await screen.findByText('No events yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Events appear here as soon as a Portico plugin publishes one/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('offers to clear the filters when they leave nothing', async () => {
    const eventsApi = mockEventsApi({ items: [], plugins: ['apim'] });
    renderEventsPage(eventsApi, {
      allowed,
      url: '/events?filters[state]=failing',
    });

    const emptyState = (
      await screen.findByText('No event matches these filters')
    ).closest('div[class*="EmptyState"]') as HTMLElement;
    await userEvent.click(
      within(emptyState).getByRole('button', { name: 'Clear filters' }),
    );

    await waitFor(() =>
      expect(eventsApi.listEvents).toHaveBeenLastCalledWith({ limit: 50 }),
    );
    expect(screen.getByLabelText('State')).toHaveValue('');
    expect(await screen.findByText('No events yet')).toBeInTheDocument();
  });

  it('says that only portal admins can see events when the server answers 403', async () => {
    const eventsApi = mockEventsApi();
    eventsApi.listEvents.mockRejectedValue(
      await responseError(403, 'NotAllowedError', 'Unauthorized'),
    );
    renderEventsPage(eventsApi, { allowed });

    expect(
      await screen.findByText(/Only portal admins can see events/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("shows the server's message when it refuses the filters", async () => {
    const eventsApi = mockEventsApi();
    eventsApi.listEvents.mockRejectedValue(
      await responseError(
        400,
        'InputError',
        'Invalid query: to must be an ISO date-time with offset',
      ),
    );
    renderEventsPage(eventsApi, {
      allowed,
      url: '/events?filters[to]=tomorrow',
    });

    expect(
      await screen.findByText(
        'Invalid query: to must be an ISO date-time with offset',
      ),
    ).toBeInTheDocument();
    expect(eventsApi.listEvents).toHaveBeenCalledWith({
      to: 'tomorrow',
      limit: 50,
    });
    expect(
      screen.queryByText(/Only portal admins can see events/),
    ).not.toBeInTheDocument();
  });
});
