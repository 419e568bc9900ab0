import { randomUUID } from 'crypto';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockServices } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import type { Knex } from 'knex';
import { KnexSecurityDatabase } from '../database/KnexSecurityDatabase';
import { Caller } from './access';
import { IsolationRecorder } from './IsolationRecorder';

const databases = createPorticoTestDatabases();
const server = setupServer();
const SERVICEDESK = 'http://servicedesk.test/api/servicedesk';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const frank = new Caller(
  'user:default/frank',
  ['group:default/security'],
  new Set(['security.finding.read', 'security.finding.triage']),
);
const alice = new Caller(
  'user:default/alice',
  ['group:default/payments-team'],
  new Set(['security.finding.read']),
);
const REPORT = {
  containerId: '4f1c2a9b3d7e',
  summary: 'Isolated payments-gateway (4f1c2a9b3d7e): snapshot, then stop',
  steps: ['commit', 'stop'],
  snapshotImage: 'portico-isolation/payments-gateway:20261205t101500',
};

async function finding(
  db: KnexSecurityDatabase,
  kind: 'runtime' | 'vulnerability',
) {
  const id = randomUUID();
  await db.findings.insertMany([
    {
      id,
      fingerprint: randomUUID(),
      scanner: kind === 'runtime' ? 'falco' : 'trivy',
      kind,
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
  return id;
}

describe.each(databases.eachSupportedId())(
  'IsolationRecorder on %p',
  databaseId => {
    let knex: Knex;
    let db: KnexSecurityDatabase;
    let recorder: IsolationRecorder;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
      db = await KnexSecurityDatabase.create({ knex });
      recorder = new IsolationRecorder({
        db,
        auditor: mockServices.auditor.mock(),
        discovery: mockServices.discovery.mock({
          getBaseUrl: async () => SERVICEDESK,
        }),
        auth: mockServices.auth(),
        clock: { now: () => 1_000 },
      });
    });
    const isolations = async (id: string) =>
      (await db.findings.timeline(id)).filter(e => e.action === 'isolation');

    it('records on the finding alone when it has no ticket', async () => {
      const id = await finding(db, 'runtime');
      await expect(recorder.record(frank, id, REPORT)).resolves.toEqual({
        findingId: id,
      });
      expect(await isolations(id)).toMatchObject([
        {
          actor: 'user:default/frank',
          comment: expect.stringContaining(
            'Snapshot image: portico-isolation/payments-gateway:20261205t101500',
          ),
        },
      ]);
    });

    it('refuses without the triage permission, on scan findings and unknown ones', async () => {
      const runtime = await finding(db, 'runtime');
      const scan = await finding(db, 'vulnerability');
      await expect(recorder.record(alice, runtime, REPORT)).rejects.toThrow(
        'You need the security.finding.triage permission',
      );
      await expect(recorder.record(frank, scan, REPORT)).rejects.toThrow(
        /^findingId: .* is a vulnerability finding/,
      );
      await expect(
        recorder.record(frank, randomUUID(), REPORT),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      expect(await isolations(runtime)).toEqual([]);
      expect(await isolations(scan)).toEqual([]);
    });

    it('a service desk that refuses the comment leaves nothing recorded', async () => {
      const id = await finding(db, 'runtime');
      await knex('security_incident_tickets').insert({
        finding_id: id,
        ticket_id: 'SD-000042',
        created_at: 1,
      });
      server.use(
        http.post(`${SERVICEDESK}/requests/SD-000042/comments`, () =>
          HttpResponse.json({ error: { message: 'down' } }, { status: 503 }),
        ),
      );
      await expect(recorder.record(frank, id, REPORT)).rejects.toThrow();
      expect(await isolations(id)).toEqual([]);

      const bodies: any[] = [];
      server.use(
        http.post(
          `${SERVICEDESK}/requests/SD-000042/comments`,
          async ({ request }) => {
            bodies.push(await request.json());
            return HttpResponse.json({}, { status: 201 });
          },
        ),
      );
      await expect(recorder.record(frank, id, REPORT)).resolves.toEqual({
        findingId: id,
        ticketId: 'SD-000042',
      });
      expect(bodies).toEqual([
        {
          visibility: 'public',
          body: expect.stringContaining(
            'Container 4f1c2a9b3d7e isolated by user:default/frank',
          ),
        },
      ]);
      expect(await isolations(id)).toHaveLength(1);
    });
  },
);
