import request from 'supertest';
import type { Entity } from '@backstage/catalog-model';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  alpineReport,
  falcoEvent,
  PAYMENTS_IMAGE,
} from '../__testUtils__/fixtures';
import {
  auth,
  CATALOG,
  FALCO_TOKEN,
  SecurityTestBackend,
  serviceAuth,
  startSecurityTestBackend,
} from '../__testUtils__/securityTestBackend';
import { isoWeekOf } from '../service/isoWeek';
import { SECURITY_TASKS } from '../plugin';
import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readSecuritySettings } from '../config';
import { KnexSecurityDatabase } from '../database/KnexSecurityDatabase';
import { CatalogSync } from '../service/CatalogSync';
import { systemClock } from '../service/clock';

const databases = createPorticoTestDatabases();
const DAY = 86_400_000;

/** payments-gateway in tier critical; ledger-service experimental with a broken annotation. */
const TIERED_CATALOG: Entity[] = CATALOG.map(entity => {
  if (entity.metadata.name === 'payments-gateway') {
    return { ...entity, spec: { ...entity.spec, tier: 'critical' } };
  }
  if (entity.metadata.name === 'ledger-service') {
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          'portico.io/security-sla': 'critical=soon',
        },
      },
      spec: { ...entity.spec, lifecycle: 'experimental' },
    };
  }
  return entity;
});

describe.each(databases.eachSupportedId())(
  'security bulk triage, SLA policies, trend, weekly report on %p',
  databaseId => {
    let backend: SecurityTestBackend;
    const ids: Record<string, string> = {};
    let unownedId: string;

    beforeAll(async () => {
      backend = await startSecurityTestBackend(databases, databaseId, {
        catalog: TIERED_CATALOG,
        config: {
          security: {
            ingest: { allowedSubjects: ['external:ci'] },
            falco: { token: FALCO_TOKEN },
            slaPolicies: {
              tier: { critical: { critical: 3, high: 14 } },
              lifecycle: { experimental: { critical: 30 } },
            },
          },
        },
      });
      await backend.sync();
      await request(backend.server)
        .post('/api/security/reports/trivy')
        .set('Authorization', serviceAuth('external:ci'))
        .send(alpineReport());
      const other = alpineReport('1.0.0');
      other.ArtifactName = 'ghcr.io/acme/unknown-thing:1.0.0';
      await request(backend.server)
        .post('/api/security/reports/trivy')
        .set('Authorization', serviceAuth('external:ci'))
        .send(other);
      for (const row of await backend
        .knex('security_findings')
        .where({ component_ref: 'component:default/payments-gateway' }))
        ids[row.rule_id] = row.id;
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

    const get = (path: string, user: string) =>
      request(backend.server)
        .get(`/api/security${path}`)
        .set('Authorization', auth(user));
    const bulk = (user: string, body: object) =>
      request(backend.server)
        .post('/api/security/findings/bulk-triage')
        .set('Authorization', auth(user))
        .send(body);
    const states = async () =>
      Object.fromEntries(
        (
          await backend
            .knex('security_findings')
            .whereIn('id', Object.values(ids))
            .select('id', 'state')
        ).map((r: any) => [r.id, r.state]),
      );

    it('bulk triage: 401 without a user, 400 naming the field or the id, nothing written on a failure', async () => {
      const none = await request(backend.server)
        .post('/api/security/findings/bulk-triage')
        .set('Authorization', mockCredentials.none.header())
        .send({ ids: [ids['CVE-2023-5363']], action: 'acknowledge' });
      expect(none.status).toBe(401);

      const noIds = await bulk('frank', { action: 'acknowledge' });
      expect(noIds.status).toBe(400);
      expect(noIds.body.error.message).toMatch(/^ids: /);

      const before = await states();
      const outboxBefore = await backend
        .knex('portico_outbox')
        .count({ n: '*' });
      // alice owns payments-gateway, not the unowned finding: 400 naming it, the first untouched.
      const notHers = await bulk('alice', {
        ids: [ids['CVE-2023-5363'], unownedId],
        action: 'acknowledge',
      });
      expect(notHers.status).toBe(400);
      expect(notHers.body.error.message).toBe(`ids.1: no finding ${unownedId}`);
      const unknown = '6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d';
      const missing = await bulk('frank', {
        ids: [ids['CVE-2024-2511'], unknown],
        action: 'start',
      });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toBe(`ids.1: no finding ${unknown}`);
      expect(await states()).toEqual(before);
      expect(await backend.knex('portico_outbox').count({ n: '*' })).toEqual(
        outboxBefore,
      );
    });

    it('bulk triage moves every finding in one call, with a timeline entry, event and audit each', async () => {
      const targets = [ids['CVE-2023-5363'], ids['CVE-2024-2511']];
      const res = await bulk('alice', {
        ids: targets,
        action: 'acknowledge',
        comment: 'Sprint 49',
      });
      expect(res.status).toBe(200);
      expect(res.body.items.map((f: any) => [f.id, f.state])).toEqual(
        targets.map(id => [id, 'acknowledged']),
      );
      const timeline = await backend
        .knex('security_finding_events')
        .whereIn('finding_id', targets)
        .where({ action: 'acknowledge', actor: 'user:default/alice' });
      expect(timeline).toHaveLength(2);
      const events = await backend
        .knex('portico_outbox')
        .where({ type: 'finding-triaged' });
      expect(events.map((e: any) => e.subject).sort()).toEqual(
        [...targets].sort(),
      );
      const audits = backend.audits.filter(
        a => a.eventId === 'finding-triage' && (a.meta as any)?.bulk,
      );
      expect(audits.map(a => (a.meta as any).findingId)).toEqual(
        expect.arrayContaining(targets),
      );

      // One of them cannot move again: 409 naming it, the other not moved either.
      const conflict = await bulk('frank', {
        ids: [ids['CVE-2024-0727'], targets[0]],
        action: 'acknowledge',
      });
      expect(conflict.status).toBe(409);
      expect(conflict.body.error.message).toMatch(
        /^ids\.1: .* is acknowledged and cannot acknowledge/,
      );
      expect((await states())[ids['CVE-2024-0727']]).toBe('open');
    });

    it('bulk risk requests: one pending request per finding, approved one by one', async () => {
      const targets = [ids['CVE-2024-0727'], ids['CVE-2023-42363']];
      const res = await bulk('alice', {
        ids: targets,
        action: 'request_risk',
        kind: 'false_positive',
        justification: 'busybox and libcrypto are not in the runtime path',
        expiresAt: '2099-01-01T00:00:00Z',
      });
      expect(res.status).toBe(200);
      const pending = await backend
        .knex('security_risk_requests')
        .whereIn('finding_id', targets)
        .where({ state: 'pending', requested_by: 'user:default/alice' });
      expect(pending).toHaveLength(2);
      const twice = await bulk('alice', {
        ids: [targets[0]],
        action: 'request_risk',
        kind: 'false_positive',
        justification: 'busybox and libcrypto are not in the runtime path',
        expiresAt: '2099-01-01T00:00:00Z',
      });
      expect(twice.status).toBe(409);
      expect(twice.body.error.message).toMatch(/^ids\.0: /);
    });

    it('SLA clocks follow the tier, the lifecycle and the annotation; a bad annotation is ignored with its reason', async () => {
      const critical = await backend
        .knex('security_findings')
        .where({ id: ids['CVE-2023-5363'] })
        .first();
      expect(Number(critical.due_at) - Number(critical.first_seen_at)).toBe(
        3 * DAY,
      );
      const medium = await backend
        .knex('security_findings')
        .where({ id: ids['CVE-2024-0727'] })
        .first();
      expect(Number(medium.due_at) - Number(medium.first_seen_at)).toBe(
        90 * DAY,
      );

      const payments = await get(
        '/stats?componentRef=component:default/payments-gateway',
        'alice',
      );
      expect(payments.body.componentSla).toEqual({
        slaDays: { critical: 3, high: 14, medium: 90 },
        sources: ['default', 'tier critical'],
      });
      const ledger = await get(
        '/stats?componentRef=component:default/ledger-service',
        'frank',
      );
      expect(ledger.body.componentSla.slaDays.critical).toBe(30);
      expect(ledger.body.componentSla.sources).toEqual([
        'default',
        'lifecycle experimental',
      ]);
      expect(ledger.body.componentSla.annotationError).toMatch(
        /^portico\.io\/security-sla ignored: .*severity=days/,
      );
    });

    it('runtime events: each team sees its own, security sees all', async () => {
      const falco = (body: object) =>
        request(backend.server)
          .post('/api/security/falco')
          .set('Authorization', `Bearer ${FALCO_TOKEN}`)
          .send(body);
      expect((await falco(falcoEvent('Warning'))).status).toBe(201);
      const elsewhere = falcoEvent('Warning');
      elsewhere.output_fields = {
        ...elsewhere.output_fields,
        'container.image.repository': 'ghcr.io/acme/nobody-owns-this',
        'k8s.ns.name': 'sandbox',
      };
      expect((await falco(elsewhere)).status).toBe(201);

      expect((await get('/runtime-events', 'frank')).body.totalCount).toBe(2);
      const alice = await get('/runtime-events', 'alice');
      expect(alice.body.items.map((e: any) => e.imageRepository)).toEqual([
        PAYMENTS_IMAGE,
      ]);
      expect((await get('/runtime-events', 'dave')).body.totalCount).toBe(0);
      expect((await get('/runtime-events?limit=500', 'frank')).status).toBe(
        400,
      );
    });

    it('trend of open findings per day and mean time to fix', async () => {
      const res = await get('/trend?days=7', 'frank');
      expect(res.status).toBe(200);
      expect(res.body.days).toHaveLength(7);
      const today = res.body.days[6];
      const open = await get('/stats', 'frank');
      expect(today).toMatchObject({
        date: new Date().toISOString().slice(0, 10),
        critical: open.body.open.critical,
        high: open.body.open.high,
      });
      expect(res.body.days[0].critical).toBe(0);
      expect((await get('/trend', 'alice')).body.days[29].critical).toBe(1);
      const bad = await get('/trend?days=3', 'frank');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^days: /);
    });

    it('weekly report per team, as JSON and CSV', async () => {
      const week = isoWeekOf(Date.now());
      const res = await get(`/reports/weekly?week=${week}`, 'frank');
      expect(res.status).toBe(200);
      expect(res.body.teams).toEqual([
        expect.objectContaining({
          ownerRef: 'group:default/payments-team',
          // The report's five findings and the runtime one.
          opened: 6,
          fixed: 0,
          overdue: 0,
        }),
      ]);
      expect(
        (await get(`/reports/weekly?week=${week}`, 'dave')).body.teams,
      ).toEqual([]);
      const csv = await get(`/reports/weekly.csv?week=${week}`, 'alice');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text.split('\r\n')[0]).toBe(
        'week,team,opened,fixed,overdue,accepted,mean_time_to_fix_hours',
      );
      expect(csv.text).toContain(`${week},group:default/payments-team,6,0,0,`);
      const bad = await get('/reports/weekly?week=49', 'frank');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^week: /);
    });

    it('a component whose clocks change moves the due dates of its open findings', async () => {
      const sync = new CatalogSync({
        catalog: catalogServiceMock({
          // payments-gateway leaves tier critical and names its own clock for critical.
          entities: CATALOG.map(entity =>
            entity.metadata.name === 'payments-gateway'
              ? {
                  ...entity,
                  metadata: {
                    ...entity.metadata,
                    annotations: {
                      ...entity.metadata.annotations,
                      'portico.io/security-sla': 'critical=5d',
                    },
                  },
                }
              : entity,
          ),
        }),
        auth: mockServices.auth(),
        db: await KnexSecurityDatabase.create({
          knex: backend.knex,
          skipMigrations: true,
        }),
        logger: mockServices.logger.mock(),
        clock: systemClock,
        settings: readSecuritySettings(new ConfigReader({})),
      });
      await sync.run();
      const due = async (id: string) => {
        const row = await backend
          .knex('security_findings')
          .where({ id })
          .first();
        return (Number(row.due_at) - Number(row.first_seen_at)) / DAY;
      };
      expect(await due(ids['CVE-2023-5363'])).toBe(5);
      expect(await due(ids['CVE-2024-2511'])).toBe(30);
      const stats = await get(
        '/stats?componentRef=component:default/payments-gateway',
        'alice',
      );
      expect(stats.body.componentSla.sources).toEqual([
        'default',
        'annotation',
      ]);
    });

    it('tells the owner team about new findings and runtime alerts by severity, once', async () => {
      await backend.scheduler.triggerTask('portico-outbox-relay');
      // The consumer queues the notices; the notification outbox's task sends them.
      await backend.scheduler.triggerTask(SECURITY_TASKS.notifications);
      const sent = backend.notifications.map(n => [
        n.recipients.type === 'entity' ? n.recipients.entityRef : undefined,
        n.payload.severity,
        n.payload.title,
      ]);
      expect(sent).toEqual(
        expect.arrayContaining([
          [
            ['group:default/payments-team'],
            'critical',
            '[CRITICAL] New findings on payments-gateway: 1 critical, 2 high, 1 medium',
          ],
          [
            ['group:default/security'],
            'critical',
            expect.stringMatching(
              /^\[CRITICAL\] New findings on ghcr\.io\/acme\/unknown-thing:1\.0\.0/,
            ),
          ],
          [
            ['group:default/payments-team'],
            'normal',
            '[MEDIUM] Runtime alert on payments-gateway: Terminal shell in container',
          ],
          [
            ['group:default/security'],
            'normal',
            expect.stringMatching(/^\[MEDIUM\] Runtime alert: /),
          ],
        ]),
      );
      const count = backend.notifications.length;
      await backend.scheduler.triggerTask('portico-outbox-relay');
      await backend.scheduler.triggerTask(SECURITY_TASKS.notifications);
      expect(backend.notifications).toHaveLength(count);
    });
  },
);
