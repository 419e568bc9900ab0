import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { eventsQuerySchema } from '@portico/plugin-portico-common';
import {
  countAllRows,
  fuzzRoutes,
  FuzzRoute,
} from '@portico/portico-test-utils';
import { startEventsTestBackend } from './__testUtils__/eventsTestBackend';

jest.setTimeout(120_000);

const admin = mockCredentials.user.header('user:default/judy');

describe('portico events API under fuzzing', () => {
  it('never answers 5xx, writes nothing when it refuses, and names the field of a 400', async () => {
    const { backend, knex, written } = await startEventsTestBackend();
    const params = {
      plugin: ['promotions', 'apim'],
      id: written.map(e => e.id),
    };
    const routes: FuzzRoute[] = [
      { method: 'get', path: '/api/portico/events', query: eventsQuerySchema },
      { method: 'get', path: '/api/portico/events/:plugin/:id', params },
      { method: 'post', path: '/api/portico/events/:plugin/:id/retry', params },
    ];

    const { failures, statuses } = await fuzzRoutes({
      request: (method, url, authorization) =>
        request(backend.server)
          [method](url)
          .set('Authorization', authorization),
      authorization: admin,
      routes,
      count: 40,
      seed: 9,
      countRows: () => countAllRows(knex),
    });
    await backend.stop();
    expect(failures).toEqual([]);
    // Past validation too (a random query mostly names an unknown plugin or cursor: a 400).
    expect(statuses['GET /api/portico/events']).toHaveProperty('400');
    expect(statuses['GET /api/portico/events/:plugin/:id']).toHaveProperty(
      '200',
    );
    expect(
      statuses['POST /api/portico/events/:plugin/:id/retry'],
    ).toHaveProperty('204');
  });
});
