import { randomUUID } from 'crypto';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockServices } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type { Knex } from 'knex';
import { KnexSecurityDatabase } from '../database/KnexSecurityDatabase';
import { IncidentOpener } from './IncidentOpener';

const databases = createPorticoTestDatabases();
const server = setupServer();
const SERVICEDESK = 'http://servicedesk.test/api/servicedesk';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function alert(findingId: string, incident = true): PorticoEvent {
  return {
    id: randomUUID(),
    topic: 'security-findings',
    type: 'runtime-alert',
    occurredAt: '2026-12-05T10:15:01.000Z',
    actor: 'external:falcosidekick',
    subject: findingId,
    traceId: 'trace',
    data: {
      findingId,
      severity: 'critical',
      priority: 'Critical',
      rule: 'Terminal shell in container',
      output: 'A shell was spawned in a container',
      artifact: 'ghcr.io/acme/payments-gateway:1.4.2',
      componentRef: 'component:default/payments-gateway',
      incident,
    },
  };
}

/** As the consumer runs it: the call to the service desk first, then the transaction. */
async function handle(knex: Knex, opener: IncidentOpener, event: PorticoEvent) {
  const ticketId = await opener.prepare(event);
  await knex.transaction(trx => opener.onEvent(event, trx, ticketId));
}

describe.each(databases.eachSupportedId())(
  'IncidentOpener on %p',
  databaseId => {
    it('opens one incident_report ticket per runtime finding, as the security plugin', async () => {
      const knex = await databases.init(databaseId);
      const db = await KnexSecurityDatabase.create({ knex });
      const findingId = randomUUID();
      await db.findings.insertMany([
        {
          id: findingId,
          fingerprint: randomUUID(),
          scanner: 'falco',
          kind: 'runtime',
          ruleId: 'Terminal shell in container',
          title: 'Terminal shell in container',
          severity: 'critical',
          artifact: 'ghcr.io/acme/payments-gateway:1.4.2',
          repository: 'ghcr.io/acme/payments-gateway',
          state: 'open',
          revision: 0,
          occurrences: 1,
          firstSeenAt: 1,
          lastSeenAt: 1,
          updatedAt: 1,
        },
      ]);
      const bodies: any[] = [];
      server.use(
        http.post(`${SERVICEDESK}/requests`, async ({ request }) => {
          expect(request.headers.get('authorization')).toMatch(/^Bearer /);
          bodies.push(await request.json());
          return HttpResponse.json({ ticketId: 'SD-000042' }, { status: 201 });
        }),
      );
      const opener = new IncidentOpener({
        discovery: mockServices.discovery.mock({
          getBaseUrl: async () => SERVICEDESK,
        }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        database: knex,
        requesterEmail: 'security@portico.example',
      });
      await handle(knex, opener, alert(findingId));
      await handle(knex, opener, alert(findingId));
      await handle(knex, opener, alert(findingId, false));
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).toMatchObject({
        service: 'incident_report',
        priority: 'critical',
        requester_email: 'security@portico.example',
        formData: {
          severity: 'critical',
          affectedService: 'component:default/payments-gateway',
        },
      });
      expect(await knex('security_incident_tickets')).toMatchObject([
        { finding_id: findingId, ticket_id: 'SD-000042' },
      ]);
      expect(
        (await db.findings.timeline(findingId)).map(e => e.comment),
      ).toEqual(['Incident ticket SD-000042 opened in the service desk']);
    });

    it('a service desk that refuses leaves the event to be retried', async () => {
      const knex = await databases.init(databaseId);
      await KnexSecurityDatabase.create({ knex });
      server.use(
        http.post(`${SERVICEDESK}/requests`, () =>
          HttpResponse.json({ error: { message: 'down' } }, { status: 503 }),
        ),
      );
      const opener = new IncidentOpener({
        discovery: mockServices.discovery.mock({
          getBaseUrl: async () => SERVICEDESK,
        }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        database: knex,
        requesterEmail: 'security@portico.example',
      });
      await expect(handle(knex, opener, alert(randomUUID()))).rejects.toThrow();
      expect(await knex('security_incident_tickets')).toHaveLength(0);
    });
  },
);
