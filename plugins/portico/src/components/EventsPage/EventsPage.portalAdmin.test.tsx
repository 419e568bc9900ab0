import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  porticoEventsReadPermission,
  porticoEventsRetryPermission,
} from '@portico/plugin-portico-common';
import { deliveredEvent } from '../../__testUtils__/fixtures';
import {
  mockEventsApi,
  openDetailsOf,
  renderEventsPage,
  responseError,
} from '../../__testUtils__/renderEventsPage';

// A portal admin: may read and retry events (one user per file, see renderEventsPage).
const allowed = [
  porticoEventsReadPermission.name,
  porticoEventsRetryPermission.name,
];

describe('EventsPage for a portal admin', () => {
  it('retries a failing event, says so, and refreshes the list', async () => {
    const eventsApi = mockEventsApi();
    const { alertApi } = renderEventsPage(eventsApi, { allowed });
    const details = await openDetailsOf('subscription:sub-42', 'trace-5f1c2b');

    await userEvent.click(
      await within(details).findByRole('button', { name: /retry now/i }),
    );

    expect(eventsApi.retryEvent).toHaveBeenCalledWith(
      'apim',
      '7d9f6a52-2a4c-4e43-9a57-0f4b1c6a1e01',
    );
    const alert = await alertApi.waitForAlert(
      ({ severity }) => severity === 'success',
    );
    expect(alert.message).toContain('7d9f6a52-2a4c-4e43-9a57-0f4b1c6a1e01');
    await waitFor(() => expect(eventsApi.listEvents).toHaveBeenCalledTimes(2));
  });

  it('shows the event as the server sees it after the retry', async () => {
    const eventsApi = mockEventsApi();
    const [failing, delivered] = (await eventsApi.listEvents()).items;
    eventsApi.listEvents.mockClear();
    eventsApi.listEvents
      .mockResolvedValueOnce({ items: [failing, delivered], plugins: [] })
      .mockResolvedValueOnce({
        items: [
          {
            ...failing,
            state: 'delivered',
            deliveredAt: '2025-06-01T10:06:00.000Z',
            nextAttemptAt: undefined,
            targets: { ...failing.targets, kafka: '2025-06-01T10:06:00.000Z' },
          },
          delivered,
        ],
        plugins: [],
      });
    renderEventsPage(eventsApi, { allowed });
    const details = await openDetailsOf('subscription:sub-42', 'trace-5f1c2b');

    await userEvent.click(
      await within(details).findByRole('button', { name: /retry now/i }),
    );

    const targets = within(details).getByRole('table', { name: 'Targets' });
    await waitFor(() =>
      expect(
        within(targets).getByText('kafka').closest('tr')!.querySelector('time'),
      ).toHaveAttribute('datetime', '2025-06-01T10:06:00.000Z'),
    );
    expect(
      within(details).queryByRole('button', { name: /retry now/i }),
    ).not.toBeInTheDocument();
  });

  it("reports the server's reason when a retry is refused", async () => {
    const eventsApi = mockEventsApi();
    eventsApi.retryEvent.mockRejectedValue(
      await responseError(409, 'ConflictError', 'Event was already delivered'),
    );
    const { alertApi } = renderEventsPage(eventsApi, { allowed });
    const details = await openDetailsOf('subscription:sub-42', 'trace-5f1c2b');

    await userEvent.click(
      await within(details).findByRole('button', { name: /retry now/i }),
    );

    const alert = await alertApi.waitForAlert(
      ({ severity }) => severity === 'error',
    );
    expect(alert.message).toContain('Event was already delivered');
  });

  it('offers no retry for a delivered event', async () => {
    renderEventsPage(
      mockEventsApi({ items: [deliveredEvent], plugins: ['promotions'] }),
      { allowed },
    );

    const details = await openDetailsOf('promotion:pr-7', 'trace-9a0b1c');

    expect(
      within(details).queryByRole('button', { name: /retry now/i }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('promotion-requests · request-approved'),
    ).toBeInTheDocument();
  });
});
