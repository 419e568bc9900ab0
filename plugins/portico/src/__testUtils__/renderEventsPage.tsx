import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { EventsPage as EventsPageBody } from '@portico/plugin-portico-common';
import { PorticoEventsApi, porticoEventsApiRef } from '../api';
import { EventsPage } from '../components/EventsPage';
import { firstPage } from './fixtures';
import { permissionsAllowing } from './permissions';

export function mockEventsApi(page: EventsPageBody = firstPage) {
  return {
    listEvents: jest.fn<
      ReturnType<PorticoEventsApi['listEvents']>,
      Parameters<PorticoEventsApi['listEvents']>
    >(async () => page),
    retryEvent: jest.fn<
      ReturnType<PorticoEventsApi['retryEvent']>,
      Parameters<PorticoEventsApi['retryEvent']>
    >(async () => undefined),
  };
}

/**
 * Renders the events page for a user who holds the given permissions.
 *
 * usePermission caches each decision for the rest of the test file (SWR, keyed by the
 * permission), so a test file plays one user: keep `allowed` the same in a file.
 */
export function renderEventsPage(
  eventsApi: ReturnType<typeof mockEventsApi>,
  options: { allowed: string[]; url?: string },
) {
  const alertApi = mockApis.alert();
  renderInTestApp(<EventsPage />, {
    apis: [
      [porticoEventsApiRef, eventsApi],
      permissionsAllowing(...options.allowed),
      alertApi,
    ],
    initialRouteEntries: [options.url ?? '/events'],
  });
  return { alertApi };
}

/** Clicks the row of the event about `subject` and waits for its details, envelope included. */
export async function openDetailsOf(subject: string, traceId: string) {
  await userEvent.click(await screen.findByText(subject));
  const details = await screen.findByRole('region', { name: 'Event details' });
  // The envelope's code view loads lazily.
  await waitFor(() =>
    expect(details).toHaveTextContent(`"traceId": "${traceId}"`),
  );
  return details;
}

/** A ResponseError as the client throws it for the body Backstage's error middleware sends. */
export function responseError(
  statusCode: number,
  name: string,
  message: string,
) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'GET', url: '/api/portico/events' },
        response: { statusCode },
      }),
      {
        status: statusCode,
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}
