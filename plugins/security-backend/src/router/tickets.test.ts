import request from 'supertest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { randomUUID } from 'crypto';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { alpineReport } from '../__testUtils__/fixtures';
import {
  auth,
  FALCO_TOKEN,
  SecurityTestBackend,
  serviceAuth,
  startSecurityTestBackend,
} from '../__testUtils__/securityTestBackend';

const databases = createPorticoTestDatabases();
// The service desk is the network boundary; the portal's own requests pass through.
const server = setupServer();
const filed: any[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

describe.each(databases.eachSupportedId())(
  'POST /findings/:id/ticket on %p',
  databaseId => {
    let backend: SecurityTestBackend;
    const findingOf = async (ruleId: string, componentRef: string | null) =>
      (
        await backend
          .knex('security_findings')
          .where({ rule_id: ruleId })
          .andWhere(q =>
            componentRef === null
              ? q.whereNull('component_ref')
              : q.where({ component_ref: componentRef }),
          )
          .first()
      ).id as string;

    beforeAll(async () => {
      filed.length = 0;
      server.resetHandlers();
      server.use(
        http.post(/\/api\/servicedesk\/requests$/, async ({ request: r }) => {
          filed.push(await r.json());
          return HttpResponse.json(
            { ticketId: `SD-${String(filed.length).padStart(6, '0')}` },
            { status: 201 },
          );
        }),
      );
      backend = await startSecurityTestBackend(databases, databaseId, {
        config: {
          security: {
            ingest: { allowedSubjects: ['external:ci'] },
            falco: {
              token: FALCO_TOKEN,
              incidentRequesterEmail: 'security@portico.example',
            },
          },
        },
      });
      await backend.sync();
      for (const tag of ['1.4.2', '1.5.0']) {
        await request(backend.server)
          .post('/api/security/reports/trivy')
          .set('Authorization', serviceAuth('external:ci'))
          .send(alpineReport(tag));
      }
      const other = alpineReport('1.0.0');
      other.ArtifactName = 'ghcr.io/acme/unknown-thing:1.0.0';
      await request(backend.server)
        .post('/api/security/reports/trivy')
        .set('Authorization', serviceAuth('external:ci'))
        .send(other);
    });
    afterAll(async () => {
      await backend.stop();
    });

    const post = (id: string, header: string) =>
      request(backend.server)
        .post(`/api/security/findings/${id}/ticket`)
        .set('Authorization', header);

    it('401 signed out, 403 without the triage permission, 404 unknown, 400 bad id or no component', async () => {
      const id = await findingOf(
        'CVE-2023-5363',
        'component:default/payments-gateway',
      );
      expect((await post(id, mockCredentials.none.header())).status).toBe(401);
      expect((await post(id, auth('alice'))).status).toBe(403);
      expect((await post(randomUUID(), auth('frank'))).status).toBe(404);
      expect((await post('not-an-id', auth('frank'))).status).toBe(400);
      const unowned = await post(
        await findingOf('CVE-2023-5363', null),
        auth('frank'),
      );
      expect(unowned.status).toBe(400);
      expect(unowned.body.error.message).toMatch(/^componentRef/);
      expect(filed).toHaveLength(0);
      expect(await backend.knex('security_vulnerability_tickets')).toHaveLength(
        0,
      );
    });

    it('files once per (component, CVE), links the rest, audits, and shows it on the finding', async () => {
      const ids = (
        await backend.knex('security_findings').where({
          rule_id: 'CVE-2023-5363',
          component_ref: 'component:default/payments-gateway',
        })
      ).map(r => r.id as string);
      const before = filed.length;
      const first = await post(ids[0], auth('frank'));
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ filed: true, linked: true });
      for (const id of ids.slice(1)) {
        const again = await post(id, auth('frank'));
        expect(again.status).toBe(200);
        expect(again.body).toMatchObject({
          ticketId: first.body.ticketId,
          filed: false,
        });
      }
      expect(filed.length - before).toBe(1);
      const details = await request(backend.server)
        .get(`/api/security/findings/${ids[0]}`)
        .set('Authorization', auth('frank'));
      expect(details.body.ticket).toMatchObject({
        ticketId: first.body.ticketId,
      });
      expect(details.body.permittedActions.fileTicket).toBe(false);
      expect(
        backend.audits.filter(a => a.eventId === 'finding-ticket').length,
      ).toBeGreaterThanOrEqual(ids.length);
    });
  },
);
