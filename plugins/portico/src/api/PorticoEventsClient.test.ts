import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { outboxEvent } from '../__testUtils__/fixtures';
import { describeError } from './errors';
import { PorticoEventsClient } from './PorticoEventsClient';

const baseUrl = 'http://backstage.test';
const eventsUrl = `${baseUrl}/api/portico/events`;

/** The body Backstage's error middleware sends for a thrown error. */
function errorBody(name: string, message: string, statusCode: number) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/events' },
      response: { statusCode },
    },
    { status: statusCode },
  );
}

describe('PorticoEventsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PorticoEventsClient({
    discoveryApi: mockApis.discovery({ baseUrl }),
    fetchApi: mockApis.fetch(),
  });

  it('builds the query string from the filters it was given, and nothing else', async () => {
    const page = {
      items: [outboxEvent({ state: 'failing', attempts: 2 })],
      nextCursor: 'c-2',
      plugins: ['apim', 'promotions'],
    };
    let requested: URL | undefined;
    server.use(
      http.get(eventsUrl, ({ request }) => {
        requested = new URL(request.url);
        return HttpResponse.json(page);
      }),
    );

    await expect(
      client.listEvents({
        plugin: 'apim',
        topic: 'subscription-created',
        type: 'subscription-created',
        subject: 'subscription:sub-42',
        state: 'failing',
        from: '2025-06-01T00:00:00.000Z',
        to: '2025-06-02T00:00:00.000Z',
        limit: 50,
        cursor: 'c-1',
      }),
    ).resolves.toEqual(page);

    expect(Object.fromEntries(requested!.searchParams)).toEqual({
      plugin: 'apim',
      topic: 'subscription-created',
      type: 'subscription-created',
      subject: 'subscription:sub-42',
      state: 'failing',
      from: '2025-06-01T00:00:00.000Z',
      to: '2025-06-02T00:00:00.000Z',
      limit: '50',
      cursor: 'c-1',
    });
  });

  it('leaves unset filters out of the query string', async () => {
    const requested: string[] = [];
    server.use(
      http.get(eventsUrl, ({ request }) => {
        requested.push(new URL(request.url).search);
        return HttpResponse.json({ items: [], plugins: [] });
      }),
    );

    await client.listEvents();
    await client.listEvents({ plugin: 'apim', type: undefined, subject: '' });

    expect(requested).toEqual(['', '?plugin=apim']);
  });

  it("throws the server's explanation when a filter is invalid", async () => {
    server.use(
      http.get(eventsUrl, () =>
        errorBody(
          'InputError',
          'Invalid query: from must be an ISO date-time with offset',
          400,
        ),
      ),
    );

    const error = await client
      .listEvents({ from: 'yesterday' })
      .catch((e: Error) => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      statusCode: 400,
      cause: {
        name: 'InputError',
        message: 'Invalid query: from must be an ISO date-time with offset',
      },
    });
    expect(describeError(error as Error)).toBe(
      'Invalid query: from must be an ISO date-time with offset',
    );
  });

  it('keeps the 403 status so that the page can say who may see events', async () => {
    server.use(
      http.get(eventsUrl, () =>
        errorBody('NotAllowedError', 'Unauthorized', 403),
      ),
    );

    await expect(client.listEvents()).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it('posts a retry for the event of the given plugin', async () => {
    const retried = jest.fn();
    server.use(
      http.post(`${eventsUrl}/:plugin/:id/retry`, ({ params }) => {
        retried(params);
        return new HttpResponse(null, { status: 204 });
      }),
    );

    await expect(
      client.retryEvent('promotions', '0b8a1a7e-8a0c-4f3e-bb43-3f6f0e7d2c11'),
    ).resolves.toBeUndefined();

    expect(retried).toHaveBeenCalledWith({
      plugin: 'promotions',
      id: '0b8a1a7e-8a0c-4f3e-bb43-3f6f0e7d2c11',
    });
  });

  it('throws the conflict when the event was already delivered', async () => {
    server.use(
      http.post(`${eventsUrl}/:plugin/:id/retry`, () =>
        errorBody('ConflictError', 'Event was already delivered', 409),
      ),
    );

    const error = await client
      .retryEvent('apim', '7d9f6a52-2a4c-4e43-9a57-0f4b1c6a1e01')
      .catch((e: Error) => e);

    expect(error).toMatchObject({ statusCode: 409 });
    expect(describeError(error as Error)).toBe('Event was already delivered');
  });
});
