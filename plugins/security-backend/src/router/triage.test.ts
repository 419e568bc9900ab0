import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { alpineReport } from '../__testUtils__/fixtures';
import {
  auth,
  SecurityTestBackend,
  serviceAuth,
  startSecurityTestBackend,
} from '../__testUtils__/securityTestBackend';
import { SECURITY_TASKS } from '../plugin';

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())(
  'security findings and triage on %p',
  databaseId => {
    let backend: SecurityTestBackend;
    let criticalId: string;
    let highId: string;

    beforeAll(async () => {
      backend = await startSecurityTestBackend(databases, databaseId);
      await backend.sync();
      await request(backend.server)
        .post('/api/security/reports/trivy')
        .set('Authorization', serviceAuth('external:ci'))
        .send(alpineReport());
      // Not linked to any component: lands in the unowned list.
      const other = alpineReport('1.0.0');
      other.ArtifactName = 'ghcr.io/acme/unknown-thing:1.0.0';
      await request(backend.server)
        .post('/api/security/reports/trivy')
        .set('Authorization', serviceAuth('external:ci'))
        .send(other);
      criticalId = (
        await backend
          .knex('security_findings')
          .where({
            rule_id: 'CVE-2023-5363',
            component_ref: 'component:default/payments-gateway',
          })
          .first()
      ).id;
      highId = (
        await backend
          .knex('security_findings')
          .where({
            rule_id: 'CVE-2024-2511',
            component_ref: 'component:default/payments-gateway',
          })
          .first()
      ).id;
    });
    afterAll(async () => {
      await backend.stop();
    });

    const get = (path: string, user: string) =>
      request(backend.server)
        .get(`/api/security${path}`)
        .set('Authorization', auth(user));
    const post = (path: string, user: string, body: object) =>
      request(backend.server)
        .post(`/api/security${path}`)
        .set('Authorization', auth(user))
        .send(body);

    it('needs a signed-in user', async () => {
      const res = await request(backend.server)
        .get('/api/security/findings')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });

    it('lists with server-side filters and paging; owners see their teams, security sees all', async () => {
      const all = await get('/findings?limit=3', 'frank');
      expect(all.status).toBe(200);
      expect(all.body.totalCount).toBe(10);
      expect(all.body.items).toHaveLength(3);
      expect(all.body.items[0].severity).toBe('critical');

      const alice = await get('/findings', 'alice');
      expect(alice.body.totalCount).toBe(5);
      expect(
        alice.body.items.every(
          (f: any) => f.componentRef === 'component:default/payments-gateway',
        ),
      ).toBe(true);
      expect((await get('/findings', 'dave')).body.totalCount).toBe(0);

      expect(
        (await get('/findings?unowned=true', 'frank')).body.totalCount,
      ).toBe(5);
      expect(
        (
          await get(
            '/findings?severity=critical,high&componentRef=component:default/payments-gateway',
            'frank',
          )
        ).body.totalCount,
      ).toBe(3);
      expect(
        (await get('/findings?q=cve-2024-2511', 'frank')).body.totalCount,
      ).toBe(2);
      expect(
        (await get('/findings?q=braces', 'frank')).body.items[0].ruleId,
      ).toBe('GHSA-grv7-fg5c-xmjg');
      expect(
        (await get('/findings?overdue=true', 'frank')).body.totalCount,
      ).toBe(0);

      const bad = await get('/findings?severity=urgent', 'frank');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^severity/);
      expect((await get('/findings?limit=1000', 'frank')).status).toBe(400);
    });

    it('shows a finding to whoever may see it; 404 to others', async () => {
      const res = await get(`/findings/${criticalId}`, 'alice');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        ruleId: 'CVE-2023-5363',
        state: 'open',
        timeline: [{ action: 'open' }],
      });
      expect(res.body.permittedActions).toEqual({
        triage: ['acknowledge', 'start'],
        requestRisk: true,
        decideRisk: false,
        // Owners do not file service-desk tickets; security does.
        fileTicket: false,
      });
      expect(
        (await get(`/findings/${criticalId}`, 'frank')).body.permittedActions
          .fileTicket,
      ).toBe(true);
      expect((await get(`/findings/${criticalId}`, 'dave')).status).toBe(404);
      expect((await get('/findings/not-a-uuid', 'frank')).status).toBe(400);
    });

    it('moves a finding through the triage table, with its timeline, event and audit', async () => {
      expect(
        (
          await post(`/findings/${highId}/triage`, 'dave', {
            action: 'acknowledge',
          })
        ).status,
      ).toBe(404);
      expect([403, 404]).toContain(
        (
          await post(`/findings/${highId}/triage`, 'mallory', {
            action: 'acknowledge',
          })
        ).status,
      );
      const bad = await post(`/findings/${highId}/triage`, 'frank', {
        action: 'close',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^action: /);

      const ack = await post(`/findings/${highId}/triage`, 'alice', {
        action: 'acknowledge',
        comment: 'Looking at it',
      });
      expect(ack.status).toBe(200);
      expect(ack.body.state).toBe('acknowledged');
      const again = await post(`/findings/${highId}/triage`, 'frank', {
        action: 'acknowledge',
      });
      expect(again.status).toBe(409);
      const stale = await post(`/findings/${highId}/triage`, 'frank', {
        action: 'start',
        revision: 0,
      });
      expect(stale.status).toBe(409);
      const start = await post(`/findings/${highId}/triage`, 'frank', {
        action: 'start',
        revision: ack.body.revision,
      });
      expect(start.body.state).toBe('in_progress');
      expect(start.body.timeline.map((t: any) => [t.action, t.actor])).toEqual([
        ['open', 'plugin:security'],
        ['acknowledge', 'user:default/alice'],
        ['start', 'user:default/frank'],
      ]);
      const events = await backend
        .knex('portico_outbox')
        .where({ type: 'finding-triaged' });
      expect(events).toHaveLength(2);
      expect(
        backend.audits.filter(a => a.eventId === 'finding-triage').length,
      ).toBeGreaterThanOrEqual(2);
    });

    it('takes risk requests with a justification and an expiry, one pending at a time', async () => {
      const body = {
        kind: 'risk_accepted',
        justification: 'Only reachable inside the cluster network',
        expiresAt: '2099-01-01T00:00:00Z',
      };
      const noReason = await post(
        `/findings/${criticalId}/risk-requests`,
        'alice',
        { ...body, justification: 'because' },
      );
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toMatch(/^justification: /);
      expect(
        (await post(`/findings/${criticalId}/risk-requests`, 'dave', body))
          .status,
      ).toBe(404);
      const res = await post(
        `/findings/${criticalId}/risk-requests`,
        'alice',
        body,
      );
      expect(res.status).toBe(201);
      expect(res.body.riskRequests).toMatchObject([
        {
          state: 'pending',
          requestedBy: 'user:default/alice',
          kind: 'risk_accepted',
        },
      ]);
      expect(res.body.permittedActions.requestRisk).toBe(false);
      expect(
        (await post(`/findings/${criticalId}/risk-requests`, 'frank', body))
          .status,
      ).toBe(409);
      // Deciding: security, not the requester, not the owning team.
      expect(
        (await get(`/findings/${criticalId}`, 'frank')).body.permittedActions
          .decideRisk,
      ).toBe(true);
      expect(
        (await get(`/findings/${criticalId}`, 'heidi')).body.permittedActions
          .decideRisk,
      ).toBe(false);
      expect(
        (await get(`/findings/${criticalId}`, 'alice')).body.permittedActions
          .decideRisk,
      ).toBe(false);
    });

    it('a risk request is decided by security, never by its requester nor by the owning team', async () => {
      const details = await get(`/findings/${criticalId}`, 'frank');
      const requestId = details.body.riskRequests[0].id;
      const decide = (user: string, decision: string, body: object = {}) =>
        post(`/risk-requests/${requestId}/${decision}`, user, body);

      const owner = await decide('heidi', 'approve');
      expect(owner.status).toBe(403);
      expect(owner.body.error.message).toMatch(
        /payments-team, which owns the component/,
      );
      const requester = await decide('alice', 'approve');
      expect(requester.status).toBe(403);
      expect((await decide('dave', 'approve')).status).toBe(403);
      expect((await decide('frank', 'reject')).status).toBe(400);
      expect(
        (await post('/risk-requests/not-an-id/approve', 'frank', {})).status,
      ).toBe(400);

      // Two members of security at once: exactly one decision wins.
      const [a, b] = await Promise.all([
        decide('frank', 'approve', { comment: 'compensated by the WAF' }),
        decide('grace', 'approve'),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const after = await get(`/findings/${criticalId}`, 'frank');
      expect(after.body).toMatchObject({
        state: 'risk_accepted',
        riskExpiresAt: '2099-01-01T00:00:00.000Z',
      });
      expect(after.body.riskRequests[0]).toMatchObject({ state: 'approved' });
      expect(after.body.timeline.at(-1)).toMatchObject({
        action: 'accept_risk',
        from: 'open',
        to: 'risk_accepted',
      });
      expect(
        await backend.knex('portico_outbox').where({ type: 'risk-accepted' }),
      ).toHaveLength(1);
      const refusals = backend.audits.filter(
        e => e.eventId === 'risk-decision',
      );
      expect(refusals.length).toBeGreaterThanOrEqual(5);
      expect((await decide('grace', 'approve')).status).toBe(409);
    });

    it('counts per severity, component and team', async () => {
      const res = await get('/stats', 'frank');
      expect(res.status).toBe(200);
      expect(res.body.open).toEqual({
        critical: 1,
        high: 4,
        medium: 2,
        low: 2,
        unknown: 0,
      });
      expect(res.body.unowned).toBe(5);
      expect(res.body.byComponent).toEqual([
        {
          componentRef: 'component:default/payments-gateway',
          open: { critical: 0, high: 2, medium: 1, low: 1, unknown: 0 },
          overdue: 0,
        },
      ]);
      expect(res.body.byTeam[0].ownerRef).toBe('group:default/payments-team');
      expect(res.body.slaDays).toEqual({ critical: 7, high: 30, medium: 90 });
      const alice = await get('/stats', 'alice');
      expect(alice.body.open.high).toBe(2);
      expect(alice.body.unowned).toBe(0);
    });

    it('reopens an accepted risk when it expires', async () => {
      const finding = await backend
        .knex('security_findings')
        .where({ id: highId })
        .first();
      await backend
        .knex('security_findings')
        .where({ id: highId })
        .update({
          state: 'risk_accepted',
          risk_expires_at: Date.now() - 1000,
          revision: Number(finding.revision) + 1,
        });
      await backend.scheduler.triggerTask(SECURITY_TASKS.expiry);
      const after = await get(`/findings/${highId}`, 'frank');
      expect(after.body.state).toBe('open');
      expect(after.body.riskExpiresAt).toBeUndefined();
      expect(after.body.timeline.at(-1)).toMatchObject({
        action: 'expire',
        from: 'risk_accepted',
        to: 'open',
      });
      expect(
        await backend.knex('portico_outbox').where({ type: 'risk-expired' }),
      ).toHaveLength(1);
    });
  },
);
