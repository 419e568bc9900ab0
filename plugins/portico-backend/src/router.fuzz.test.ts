import request from 'supertest';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { eventsQuerySchema } from '@portico/plugin-portico-common';
import {
  createPorticoEvents,
  porticoEventsDeps,
  porticoOutboxMigration,
  porticoOutboxDeadLetterMigration,
  PorticoEvents,
} from '@portico/portico-node';
import { countAllRows, fuzzRoutes, FuzzRoute } from '@portico/portico-test-utils';
import { porticoPlugin } from './plugin';

jest.setTimeout(120_000);

const admin = mockCredentials.user.header('user:default/judy');

// Portal admins hold the portico.events.* permissions.
const permissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    mockServices.permissions.mock({
      authorize: async (requests, options) =>
        requests.map(() => ({
          result:
            (options.credentials.principal as { userEntityRef?: string }).userEntityRef ===
            'user:default/judy'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    }),
});

let demoEvents: PorticoEvents;

// A plugin with an outbox, as every Portico area plugin has.
const demoPlugin = createBackendPlugin({
  pluginId: 'promotions',
  register(reg) {
    reg.registerInit({
      deps: { database: coreServices.database, ...porticoEventsDeps },
      async init({ database, ...deps }) {
        const knex = await database.getClient();
        await porticoOutboxMigration.up(knex);
        await porticoOutboxDeadLetterMigration.up(knex);
        demoEvents = await createPorticoEvents({ database: knex, ...deps });
      },
    });
  },
});

describe('portico events API under fuzzing', () => {
  it('never answers 5xx, writes nothing when it refuses, and names the field of a 400', async () => {
    const backend = await startTestBackend({
      features: [
        porticoPlugin,
        demoPlugin,
        permissions,
        mockServices.rootConfig.factory({
          data: { portico: { events: { relay: { intervalSeconds: 3600 } } } },
        }),
      ],
    });
    const knex = (demoEvents.store as any).db;
    const written = await knex.transaction((trx: any) =>
      demoEvents.publish(
        trx,
        ...[1, 2, 3].map(n => ({
          topic: 'promotion-requests' as const,
          type: 'request-created',
          actor: 'user:default/alice',
          subject: `promotion:${n}`,
          data: { n },
        })),
      ),
    );
    const params = { plugin: ['promotions', 'apim'], id: written.map((e: { id: string }) => e.id) };
    const routes: FuzzRoute[] = [
      { method: 'get', path: '/api/portico/events', query: eventsQuerySchema },
      { method: 'get', path: '/api/portico/events/:plugin/:id', params },
      { method: 'post', path: '/api/portico/events/:plugin/:id/retry', params },
    ];

    const { failures, statuses } = await fuzzRoutes({
      request: (method, url, authorization) =>
        request(backend.server)[method](url).set('Authorization', authorization),
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
    expect(statuses['GET /api/portico/events/:plugin/:id']).toHaveProperty('200');
    expect(statuses['POST /api/portico/events/:plugin/:id/retry']).toHaveProperty('204');
  });
});
