import request from 'supertest';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { alpineReport } from '../__testUtils__/fixtures';
import {
  auth,
  SECURITY_RBAC,
  SecurityTestBackend,
  serviceAuth,
  startSecurityTestBackend,
} from '../__testUtils__/securityTestBackend';

const databases = createPorticoTestDatabases();

/**
 * The demo roles give triage only to the security group, whose members may also ask for any risk
 * acceptance: the bulk 403 needs a caller who sees a finding without being allowed to act on it.
 * Here payments-team also triages (so alice sees every finding, unowned included) but, not being
 * in the security group, asks for risk acceptances of her own team's findings only.
 */
const TEAM_TRIAGE_RBAC = {
  ...SECURITY_RBAC,
  roles: {
    ...SECURITY_RBAC.roles,
    'payments-team': ['security.finding.triage'],
  },
};

describe.each(databases.eachSupportedId())(
  'security bulk triage permissions on %p',
  databaseId => {
    let backend: SecurityTestBackend;
    let ownedId: string;
    let unownedId: string;

    beforeAll(async () => {
      backend = await startSecurityTestBackend(databases, databaseId, {
        rbac: TEAM_TRIAGE_RBAC,
      });
      await backend.sync();
      const unowned = alpineReport('1.0.0');
      unowned.ArtifactName = 'ghcr.io/acme/unknown-thing:1.0.0';
      for (const report of [alpineReport(), unowned]) {
        const ingest = await request(backend.server)
          .post('/api/security/reports/trivy')
          .set('Authorization', serviceAuth('external:ci'))
          .send(report);
        if (ingest.status >= 300)
          throw new Error(`ingest: ${ingest.status} ${ingest.text}`);
      }
      ownedId = (
        await backend
          .knex('security_findings')
          .where({ owner_ref: 'group:default/payments-team' })
          .first()
      ).id;
      unownedId = (
        await backend
          .knex('security_findings')
          .whereNull('component_ref')
          .first()
      ).id;
    });
    afterAll(async () => {
      await backend.stop();
    });

    /** Everything a bulk call may write: the findings, risk requests, timeline and outbox. */
    const written = async () => ({
      findings: await backend
        .knex('security_findings')
        .whereIn('id', [ownedId, unownedId])
        .orderBy('id')
        .select('id', 'state', 'revision', 'updated_at'),
      riskRequests: await backend.knex('security_risk_requests').select('id'),
      timeline: await backend.knex('security_finding_events').select('seq'),
      outbox: await backend.knex('portico_outbox').select('id'),
    });

    it('403 naming the finding the caller may not act on; the others are not written either', async () => {
      const before = await written();
      expect(before.riskRequests).toEqual([]);
      // She sees both (a 400 "no finding" would mean the test policy is not in force).
      const seen = await request(backend.server)
        .get(`/api/security/findings/${unownedId}`)
        .set('Authorization', auth('alice'));
      expect(seen.status).toBe(200);

      const res = await request(backend.server)
        .post('/api/security/findings/bulk-triage')
        .set('Authorization', auth('alice'))
        .send({
          ids: [ownedId, unownedId],
          action: 'request_risk',
          kind: 'risk_accepted',
          justification: 'Compensated by the WAF rule set until the upgrade',
          expiresAt: '2099-01-01T00:00:00Z',
        });
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(res.body.error.message).toMatch(
        new RegExp(`^ids\\.1: .* risk acceptance of finding ${unownedId}$`),
      );
      expect(await written()).toEqual(before);

      // The same call on her own finding alone goes through: the 403 was about the unowned one.
      const own = await request(backend.server)
        .post('/api/security/findings/bulk-triage')
        .set('Authorization', auth('alice'))
        .send({
          ids: [ownedId],
          action: 'request_risk',
          kind: 'risk_accepted',
          justification: 'Compensated by the WAF rule set until the upgrade',
          expiresAt: '2099-01-01T00:00:00Z',
        });
      expect(own.status).toBe(200);
      expect(
        await backend
          .knex('security_risk_requests')
          .where({ finding_id: ownedId, requested_by: 'user:default/alice' }),
      ).toHaveLength(1);
    });
  },
);
