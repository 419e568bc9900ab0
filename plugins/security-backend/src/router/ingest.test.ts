import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  alpineReport,
  configReport,
  debianReport,
  falcoEvent,
  PAYMENTS_DIGEST,
  sarifLog,
} from '../__testUtils__/fixtures';
import {
  auth,
  FALCO_TOKEN,
  SecurityTestBackend,
  serviceAuth,
  startSecurityTestBackend,
} from '../__testUtils__/securityTestBackend';

const databases = createPorticoTestDatabases();

const counts = (critical = 0, high = 0, medium = 0, low = 0, unknown = 0) => ({
  critical,
  high,
  medium,
  low,
  unknown,
});

describe.each(databases.eachSupportedId())(
  'security ingest on %p',
  databaseId => {
    let backend: SecurityTestBackend;

    beforeAll(async () => {
      backend = await startSecurityTestBackend(databases, databaseId);
      await backend.sync();
    });
    afterAll(async () => {
      await backend.stop();
    });

    const rows = async (table: string) =>
      Number((await backend.knex(table).count({ c: '*' }))[0].c);
    const postTrivy = (
      body: unknown,
      authorization = serviceAuth('external:ci'),
    ) =>
      request(backend.server)
        .post('/api/security/reports/trivy')
        .set('Authorization', authorization)
        .send(body as object);

    it('refuses callers without credentials, unnamed services and users without the permission', async () => {
      expect(
        (await postTrivy(alpineReport(), mockCredentials.none.header())).status,
      ).toBe(401);
      const unnamed = await postTrivy(
        alpineReport(),
        serviceAuth('external:someone-else'),
      );
      expect(unnamed.status).toBe(403);
      expect(unnamed.body.error.message).toMatch(
        /security\.ingest\.allowedSubjects/,
      );
      expect((await postTrivy(alpineReport(), auth('alice'))).status).toBe(403);
      expect(await rows('security_scans')).toBe(0);
    });

    it('answers 400 naming the JSON path of a malformed report, and writes nothing', async () => {
      const bad = alpineReport('9.9.9');
      (bad.Results[0].Vulnerabilities[2] as any).Severity = 'SEVERE';
      const res = await postTrivy(bad);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^Results\.0\.Vulnerabilities\.2\.Severity: /,
      );
      expect(await rows('security_findings')).toBe(0);
      expect(await rows('security_scans')).toBe(0);
    });

    it('opens findings from a report and links them to the component of the image', async () => {
      const res = await postTrivy(alpineReport());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        duplicate: false,
        artifact: 'ghcr.io/acme/payments-gateway:1.4.2',
        componentRef: 'component:default/payments-gateway',
        opened: counts(1, 2, 1, 1),
        seenAgain: counts(),
        fixed: counts(),
      });
      const findings = await backend.knex('security_findings').select('*');
      expect(findings).toHaveLength(5);
      expect(new Set(findings.map(f => f.owner_ref))).toEqual(
        new Set(['group:default/payments-team']),
      );
      expect(new Set(findings.map(f => f.digest))).toEqual(
        new Set([PAYMENTS_DIGEST]),
      );
      const critical = findings.find(f => f.rule_id === 'CVE-2023-5363');
      expect(Number(critical.cvss_score)).toBeCloseTo(9.8);
      // SLA: critical 7 days by default.
      expect(Number(critical.due_at) - Number(critical.first_seen_at)).toBe(
        7 * 86_400_000,
      );
      const outbox = await backend.knex('portico_outbox').select('type');
      // The summary, and one event per critical or high finding.
      expect(outbox.map(r => r.type).sort()).toEqual([
        'finding-opened',
        'finding-opened',
        'finding-opened',
        'report-ingested',
      ]);
    });

    it('changes nothing when the same payload comes again', async () => {
      const before = {
        findings: await backend
          .knex('security_findings')
          .select('id', 'occurrences', 'last_seen_at', 'revision')
          .orderBy('id'),
        outbox: await rows('portico_outbox'),
        occurrences: await rows('security_occurrences'),
      };
      const res = await postTrivy(alpineReport());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        duplicate: true,
        opened: counts(1, 2, 1, 1),
      });
      expect(
        await backend
          .knex('security_findings')
          .select('id', 'occurrences', 'last_seen_at', 'revision')
          .orderBy('id'),
      ).toEqual(before.findings);
      expect(await rows('portico_outbox')).toBe(before.outbox);
      expect(await rows('security_occurrences')).toBe(before.occurrences);
    });

    it('fixes what a later scan of the same artifact no longer reports, and reopens what comes back', async () => {
      const later = alpineReport('1.4.2', { without: ['CVE-2023-5363'] });
      (later as any).CreatedAt = '2026-12-06T10:00:00Z';
      const res = await postTrivy(later, auth('frank'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        opened: counts(),
        seenAgain: counts(0, 2, 1, 1),
        fixed: counts(1),
      });
      const fixed = await backend
        .knex('security_findings')
        .where({ rule_id: 'CVE-2023-5363' })
        .first();
      expect(fixed.state).toBe('fixed');
      expect(fixed.fixed_at).not.toBeNull();
      const seen = await backend
        .knex('security_findings')
        .where({ rule_id: 'CVE-2024-2511' })
        .first();
      expect(Number(seen.occurrences)).toBe(2);
      const timeline = await backend
        .knex('security_finding_events')
        .where({ finding_id: fixed.id });
      expect(timeline).toMatchObject([
        { action: 'fix', from_state: 'open', to_state: 'fixed' },
      ]);

      const again = alpineReport();
      (again as any).CreatedAt = '2026-12-07T10:00:00Z';
      const res2 = await postTrivy(again);
      expect(res2.body).toMatchObject({ reopened: counts(1), fixed: counts() });
      expect(
        (
          await backend
            .knex('security_findings')
            .where({ id: fixed.id })
            .first()
        ).state,
      ).toBe('open');
    });

    it('another version of the image is another artifact: nothing of 1.4.2 is fixed by it', async () => {
      const res = await postTrivy(
        alpineReport('1.5.0', { without: ['CVE-2023-5363', 'CVE-2024-2511'] }),
      );
      expect(res.body).toMatchObject({
        opened: counts(0, 1, 1, 1),
        fixed: counts(),
      });
    });

    it('reads a Debian image, a config scan with a secret, and SARIF', async () => {
      const debian = await postTrivy(debianReport());
      expect(debian.body).toMatchObject({
        artifact: 'ledger-service:2.0.1',
        componentRef: 'component:default/ledger-service',
        opened: counts(1, 0, 1),
      });
      const config = await postTrivy(configReport());
      expect(config.body).toMatchObject({
        artifact: 'payments-gateway',
        opened: counts(1, 1),
      });
      const secret = await backend
        .knex('security_findings')
        .where({ kind: 'secret' })
        .first();
      expect(secret).toMatchObject({
        rule_id: 'aws-access-key-id',
        target: 'config/settings.env:3',
      });
      expect(JSON.stringify(secret)).not.toMatch(/AWS_ACCESS_KEY_ID=/);

      const sarif = await request(backend.server)
        .post(
          '/api/security/reports/sarif?artifact=ghcr.io/acme/payments-gateway:1.4.2',
        )
        .set('Authorization', serviceAuth('external:ci'))
        .send(sarifLog());
      expect(sarif.status).toBe(201);
      expect(sarif.body).toMatchObject({
        opened: counts(0, 1),
        componentRef: 'component:default/payments-gateway',
      });
      const noArtifact = await request(backend.server)
        .post('/api/security/reports/sarif')
        .set('Authorization', serviceAuth('external:ci'))
        .send(sarifLog());
      expect(noArtifact.status).toBe(400);
      expect(noArtifact.body.error.message).toMatch(/^artifact: /);
    });

    describe('Falco', () => {
      const postFalco = (body: unknown, token = FALCO_TOKEN) =>
        request(backend.server)
          .post('/api/security/falco')
          .set('Authorization', `Bearer ${token}`)
          .send(body as object);

      it('refuses a wrong token and a missing one', async () => {
        expect(
          (await postFalco(falcoEvent('Critical'), 'wrong-token-0123456789'))
            .status,
        ).toBe(401);
        expect(
          (
            await request(backend.server)
              .post('/api/security/falco')
              .send(falcoEvent('Critical'))
          ).status,
        ).toBe(401);
      });

      it('groups events into one runtime finding per rule and workload; a replayed uuid changes nothing', async () => {
        const first = falcoEvent('Critical');
        const res = await postFalco(first);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
          duplicate: false,
          severity: 'critical',
          componentRef: 'component:default/payments-gateway',
        });
        const replay = await postFalco(first);
        expect(replay.status).toBe(200);
        expect(replay.body).toMatchObject({
          duplicate: true,
          findingId: res.body.findingId,
        });
        const second = await postFalco(falcoEvent('Critical'));
        expect(second.body.findingId).toBe(res.body.findingId);
        const finding = await backend
          .knex('security_findings')
          .where({ id: res.body.findingId })
          .first();
        expect(Number(finding.occurrences)).toBe(2);
        expect(await rows('security_falco_events')).toBe(2);
        // The image's scan findings are now "seen at runtime".
        const cve = await backend
          .knex('security_findings')
          .where({
            rule_id: 'CVE-2024-2511',
            artifact: 'ghcr.io/acme/payments-gateway:1.4.2',
          })
          .first();
        expect(cve.runtime_seen_at).not.toBeNull();
        const alert = await backend
          .knex('portico_outbox')
          .where({ type: 'runtime-alert' })
          .first();
        expect(JSON.parse(alert.payload).data).toMatchObject({
          priority: 'Critical',
          incident: true,
          containerId: '4f1c2a9b3d7e',
        });
      });

      it.each([
        ['Emergency', 'critical'],
        ['Alert', 'critical'],
        ['Critical', 'critical'],
        ['Error', 'high'],
        ['Warning', 'medium'],
        ['Notice', 'low'],
        ['Informational', 'low'],
        ['Debug', 'unknown'],
      ])('takes priority %s as %s', async (priority, severity) => {
        const res = await postFalco(
          falcoEvent(priority, { rule: `Rule for ${priority}` }),
        );
        expect(res.status).toBe(201);
        expect(res.body.severity).toBe(severity);
      });

      it('answers 400 naming the field of a malformed event', async () => {
        const res = await postFalco({
          ...falcoEvent('Critical'),
          priority: 'critical',
        });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^priority: /);
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'the Falco endpoint without a token on %p',
  databaseId => {
    let backend: SecurityTestBackend;
    beforeAll(async () => {
      backend = await startSecurityTestBackend(databases, databaseId, {
        config: { security: {} },
      });
    });
    afterAll(() => backend.stop());

    it('is off', async () => {
      const res = await request(backend.server)
        .post('/api/security/falco')
        .set('Authorization', `Bearer ${FALCO_TOKEN}`)
        .send(falcoEvent('Critical'));
      expect(res.status).toBe(404);
    });
  },
);
