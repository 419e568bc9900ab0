import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The point of this test is the two real plugins together (a dev dependency only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import servicedeskPlugin from '@portico/plugin-servicedesk-backend';
import {
  backendDatabaseConfig,
  createPorticoTestDatabases,
  demoOrgEntities,
  rbacTestServices,
  recordingNotifications,
} from '@portico/portico-test-utils';
import { securityPlugin } from './plugin';
import { CATALOG, FALCO_TOKEN } from './__testUtils__/securityTestBackend';
import { falcoEvent } from './__testUtils__/fixtures';

// The playbook's first half across two real plugins in one backend: a Falco Critical posted to
// the security plugin opens an incident_report ticket through the real service desk's intake
// (as plugin:security), linked both ways, once per runtime finding.
const databases = createPorticoTestDatabases();
jest.setTimeout(120_000);

const GROUPS_BY_USER: Record<string, string[]> = {
  'user:default/frank': ['security'],
  'user:default/heidi': ['servicedesk-agents'],
  'user:default/alice': ['payments-team'],
};

const { permissionsFactory, userInfoFactory } = rbacTestServices({
  groupsByUser: GROUPS_BY_USER,
  signedIn: [
    'security.finding.read',
    'servicedesk.request.create',
    'servicedesk.request.read',
  ],
  roles: {
    security: ['security.finding.read', 'security.finding.triage'],
    'servicedesk-agents': ['servicedesk.request.work'],
  },
  // What Backstage's permission client does for a service token.
  allowServices: true,
});

/** One scheduler per plugin: both plugins name their outbox relay `portico-outbox-relay`. */
function perPluginSchedulers() {
  const byPlugin = new Map<string, ReturnType<typeof mockServices.scheduler>>();
  const factory = createServiceFactory({
    service: coreServices.scheduler,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => {
      const scheduler = mockServices.scheduler();
      byPlugin.set(plugin.getId(), scheduler);
      return scheduler;
    },
  });
  const trigger = (pluginId: string, taskId: string) =>
    (
      byPlugin.get(pluginId) as unknown as {
        triggerTask(id: string): Promise<void>;
      }
    ).triggerTask(taskId);
  return { factory, trigger };
}

const user = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);

describe.each(databases.eachSupportedId())(
  'a Falco Critical opens a service-desk ticket on %p',
  (databaseId: TestDatabaseId) => {
    it('through the real servicedesk intake, once per runtime finding, on the ticket and the finding', async () => {
      const schedulers = perPluginSchedulers();
      const backend = await startTestBackend({
        features: [
          securityPlugin,
          servicedeskPlugin,
          permissionsFactory,
          userInfoFactory,
          schedulers.factory,
          recordingNotifications().factory,
          catalogServiceMock.factory({
            entities: [...CATALOG, ...demoOrgEntities(GROUPS_BY_USER, {})],
          }),
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://portal.test' },
              backend: {
                database: await backendDatabaseConfig(databases, databaseId),
              },
              portico: { events: { relay: { intervalSeconds: 3600 } } },
              security: {
                falco: {
                  token: FALCO_TOKEN,
                  incidentRequesterEmail: 'security@portico.example',
                },
              },
              servicedesk: {
                // external:forms files requests too, but not this ticket.
                intake: {
                  allowedSubjects: ['plugin:security', 'external:forms'],
                },
              },
            },
          }),
        ],
      });
      try {
        const server = backend.server;
        await schedulers.trigger('security', 'security-catalog-sync');
        const postFalco = (body: object) =>
          request(server)
            .post('/api/security/falco')
            .set('Authorization', `Bearer ${FALCO_TOKEN}`)
            .send(body);

        const first = await postFalco(falcoEvent('Critical'));
        expect(first.status).toBe(201);
        const findingId = first.body.findingId as string;
        // The relay hands the runtime-alert to the security plugin's own consumer, which files
        // the ticket over HTTP with the plugin's service token.
        await schedulers.trigger('security', 'portico-outbox-relay');

        const finding = await request(server)
          .get(`/api/security/findings/${findingId}`)
          .set('Authorization', user('frank'));
        expect(finding.status).toBe(200);
        const incident = finding.body.timeline.find(
          (e: { action: string }) => e.action === 'incident',
        );
        expect(incident).toBeDefined();
        const ticketId = /Incident ticket (SD-\d+) opened/.exec(
          incident.comment,
        )?.[1];
        expect(ticketId).toMatch(/^SD-\d{6,}$/);

        const ticket = await request(server)
          .get(`/api/servicedesk/requests/${ticketId}`)
          .set('Authorization', user('heidi'));
        expect(ticket.status).toBe(200);
        expect(ticket.body).toMatchObject({
          ticketId,
          serviceSlug: 'incident_report',
          priority: 'critical',
          title:
            'Falco Critical: Terminal shell in container on component:default/payments-gateway',
          createdBy: 'plugin:security',
          requesterEmail: 'security@portico.example',
          formData: {
            severity: 'critical',
            affectedService: 'component:default/payments-gateway',
          },
        });
        // Linked both ways: the ticket names the finding.
        expect(ticket.body.description).toContain(`Finding: ${findingId}`);

        // A second event of the same rule on the same workload: the same finding, no second ticket.
        const second = await postFalco(falcoEvent('Critical'));
        expect(second.body.findingId).toBe(findingId);
        await schedulers.trigger('security', 'portico-outbox-relay');
        // An Error is not an incident priority: a runtime finding without a ticket.
        const error = await postFalco(
          falcoEvent('Error', { rule: 'Write below etc' }),
        );
        expect(error.status).toBe(201);
        await schedulers.trigger('security', 'portico-outbox-relay');

        const queue = await request(server)
          .get('/api/servicedesk/requests?scope=queue&service=incident_report')
          .set('Authorization', user('heidi'));
        expect(queue.status).toBe(200);
        expect(
          queue.body.items.map((t: { ticketId: string }) => t.ticketId),
        ).toEqual([ticketId]);
        const other = await request(server)
          .get(`/api/security/findings/${error.body.findingId}`)
          .set('Authorization', user('frank'));
        expect(
          other.body.timeline.filter(
            (e: { action: string }) => e.action === 'incident',
          ),
        ).toEqual([]);

        // The isolation playbook reports back (its last template step, as frank of security):
        // the result goes on the finding's timeline and, as plugin:security, on the ticket.
        const report = {
          containerId: '4f1c2a9b3d7e',
          summary:
            'Isolated payments-gateway (4f1c2a9b3d7e): snapshot to portico-isolation/payments-gateway:20261205t101500, then stop; by user:default/frank',
          steps: ['commit', 'stop'],
          snapshotImage: 'portico-isolation/payments-gateway:20261205t101500',
        };
        const isolations = `/api/security/findings/${findingId}/isolations`;
        const refused = await request(server)
          .post(isolations)
          .set('Authorization', user('alice'))
          .send(report);
        expect(refused.status).toBe(403);
        const invalid = await request(server)
          .post(isolations)
          .set('Authorization', user('frank'))
          .send({ ...report, containerId: '../etc' });
        expect(invalid.status).toBe(400);
        expect(invalid.body.error.message).toMatch(/containerId/);
        const recorded = await request(server)
          .post(isolations)
          .set('Authorization', user('frank'))
          .send(report);
        expect(recorded.status).toBe(201);
        expect(recorded.body).toEqual({ findingId, ticketId });

        const after = await request(server)
          .get(`/api/security/findings/${findingId}`)
          .set('Authorization', user('frank'));
        const isolationEntries = after.body.timeline.filter(
          (e: { action: string }) => e.action === 'isolation',
        );
        expect(isolationEntries).toHaveLength(1);
        expect(isolationEntries[0]).toMatchObject({
          actor: 'user:default/frank',
          comment: expect.stringContaining(
            `On the incident ticket ${ticketId}`,
          ),
        });
        const commented = await request(server)
          .get(`/api/servicedesk/requests/${ticketId}`)
          .set('Authorization', user('heidi'));
        const comments = commented.body.comments as Array<{
          author: string;
          body: string;
          visibility: string;
        }>;
        expect(comments).toHaveLength(1);
        expect(comments[0]).toMatchObject({
          author: 'plugin:security',
          visibility: 'public',
        });
        expect(comments[0].body).toContain(
          'Container 4f1c2a9b3d7e isolated by user:default/frank',
        );
        expect(comments[0].body).toContain(
          'Snapshot image: portico-isolation/payments-gateway:20261205t101500',
        );
        // A service may comment only on the tickets it filed.
        const stranger = await request(server)
          .post(`/api/servicedesk/requests/${ticketId}/comments`)
          .set(
            'Authorization',
            mockCredentials.service.header({
              onBehalfOf: mockCredentials.service('external:forms'),
              targetPluginId: 'servicedesk',
            }),
          )
          .send({ body: 'not mine' });
        expect(stranger.status).toBe(403);
        expect(stranger.body.error.message).toMatch(
          new RegExp(`^Only the requester, .* see ${ticketId}$`),
        );
      } finally {
        await backend.stop();
      }
    });
  },
);
