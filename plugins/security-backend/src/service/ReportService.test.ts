import { randomUUID } from 'crypto';
import type { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { KnexOutboxStore, OutboxPublisher } from '@portico/portico-node';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import { KnexSecurityDatabase } from '../database/KnexSecurityDatabase';
import type { FindingRecord } from '../database/SecurityStore';
import { Caller } from './access';
import { DAY_MS } from './clock';
import { isoWeekOf, isoWeekRange, lastCompleteWeek } from './isoWeek';
import { ReportService, weeklyReportCsv } from './ReportService';

const databases = createPorticoTestDatabases();
const PAYMENTS = 'group:default/payments-team';
const COMMERCE = 'group:default/commerce-team';
// Wednesday 2026-12-09 12:00 UTC, in ISO week 2026-W50.
const NOW = Date.UTC(2026, 11, 9, 12);
const { from: W49 } = isoWeekRange('2026-W49');

const security = new Caller(
  'user:default/frank',
  ['group:default/security'],
  new Set(['security.finding.read', 'security.finding.triage']),
);
const payments = new Caller(
  'user:default/alice',
  [PAYMENTS],
  new Set(['security.finding.read']),
);

function finding(overrides: Partial<FindingRecord>): FindingRecord {
  return {
    id: randomUUID(),
    fingerprint: randomUUID(),
    scanner: 'trivy',
    kind: 'vulnerability',
    ruleId: 'CVE-2024-0001',
    title: 'A flaw',
    severity: 'high',
    artifact: 'ghcr.io/acme/payments-gateway:1.4.2',
    repository: 'ghcr.io/acme/payments-gateway',
    componentRef: 'component:default/payments-gateway',
    ownerRef: PAYMENTS,
    state: 'open',
    revision: 0,
    occurrences: 1,
    firstSeenAt: W49,
    lastSeenAt: W49,
    updatedAt: W49,
    ...overrides,
  };
}

describe('ISO weeks', () => {
  it.each([
    [Date.UTC(2026, 11, 9), '2026-W50'],
    [Date.UTC(2027, 0, 1), '2026-W53'],
    [Date.UTC(2027, 0, 4), '2027-W01'],
    [Date.UTC(2024, 11, 30), '2025-W01'],
  ])('%p is in %p', (at, week) => {
    expect(isoWeekOf(at)).toBe(week);
    const { from, to } = isoWeekRange(week);
    expect(at >= from && at < to).toBe(true);
    expect(new Date(from).getUTCDay()).toBe(1);
  });

  it('the last complete week is the one before', () => {
    expect(lastCompleteWeek(NOW)).toBe('2026-W49');
    expect(lastCompleteWeek(Date.UTC(2027, 0, 4, 8))).toBe('2026-W53');
  });
});

describe('weeklyReportCsv', () => {
  it('quotes fields and defuses formulas', () => {
    expect(
      weeklyReportCsv({
        week: '2026-W49',
        from: '',
        to: '',
        teams: [
          {
            ownerRef: '=HYPERLINK("x")',
            opened: 1,
            fixed: 2,
            overdue: 0,
            accepted: 0,
          },
        ],
      }).split('\r\n')[1],
    ).toBe(`2026-W49,"'=HYPERLINK(""x"")",1,2,0,0,`);
  });
});

describe.each(databases.eachSupportedId())(
  'ReportService on %p',
  databaseId => {
    let knex: Knex;
    let db: KnexSecurityDatabase;
    let now = NOW;
    const queued: Array<{ event: PorticoEvent; notice: any }> = [];
    let service: ReportService;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      db = await KnexSecurityDatabase.create({ knex });
      service = new ReportService({
        db,
        clock: { now: () => now },
        events: new OutboxPublisher(new KnexOutboxStore(knex)),
        outbox: {
          enqueue: async (_trx, event, notice) => {
            queued.push({ event, notice });
          },
        },
        logger: mockServices.logger.mock(),
      });
      const fixedOne = finding({
        severity: 'critical',
        firstSeenAt: W49 - 2 * DAY_MS,
        state: 'fixed',
        fixedAt: W49 + DAY_MS,
      });
      const accepted = finding({
        state: 'risk_accepted',
        firstSeenAt: W49 + DAY_MS,
      });
      await db.findings.insertMany([
        fixedOne,
        // Opened in W49, past due at its end.
        finding({ firstSeenAt: W49 + DAY_MS, dueAt: W49 + 2 * DAY_MS }),
        finding({ severity: 'medium', firstSeenAt: W49 + 3 * DAY_MS }),
        accepted,
        finding({
          ownerRef: COMMERCE,
          componentRef: 'component:default/customers-service',
          firstSeenAt: NOW - DAY_MS,
        }),
      ]);
      await db.findings.addEvents([
        {
          findingId: accepted.id,
          action: 'accept_risk',
          from: 'open',
          to: 'risk_accepted',
          actor: 'user:default/frank',
          at: W49 + 2 * DAY_MS,
        },
      ]);
      await db.components.upsert(
        {
          entityRef: 'component:default/ledger-service',
          ownerRef: 'group:default/ledger-team',
          images: ['ledger-service'],
          hash: 'h',
        },
        'run',
        NOW,
      );
    });

    it('counts open findings at the end of each day, fixed and accepted ones left out', async () => {
      const trend = await service.trend(security, { days: 14 });
      expect(trend.days).toHaveLength(14);
      expect(trend.days[13].date).toBe('2026-12-09');
      const byDate = Object.fromEntries(trend.days.map(d => [d.date, d]));
      // The critical: first seen two days before W49, fixed on its Tuesday.
      expect(byDate['2026-11-29'].critical).toBe(1);
      expect(byDate['2026-11-30'].critical).toBe(1);
      expect(byDate['2026-12-01'].critical).toBe(0);
      expect(byDate['2026-12-02'].high).toBe(1);
      expect(byDate['2026-12-09']).toMatchObject({ high: 2, medium: 1 });
      expect(trend.meanTimeToFixHours).toEqual({ critical: 72 });

      const own = await service.trend(payments, { days: 14 });
      expect(own.days[13]).toMatchObject({ high: 1, medium: 1 });
    });

    it('gives each team its week: opened, fixed, overdue, accepted, mean time to fix', async () => {
      const report = await service.weekly(security);
      expect(report).toMatchObject({
        week: '2026-W49',
        from: '2026-11-30T00:00:00.000Z',
        to: '2026-12-07T00:00:00.000Z',
      });
      expect(report.teams).toEqual([
        {
          ownerRef: PAYMENTS,
          opened: 3,
          fixed: 1,
          overdue: 1,
          accepted: 1,
          meanTimeToFixHours: 72,
        },
      ]);
      // Still overdue at the end of the next week; commerce's finding is not alice's to see.
      const stillOverdue = {
        ownerRef: PAYMENTS,
        opened: 0,
        fixed: 0,
        overdue: 1,
        accepted: 0,
      };
      expect((await service.weekly(payments, '2026-W50')).teams).toEqual([
        stillOverdue,
      ]);
      expect((await service.weekly(security, '2026-W50')).teams).toEqual([
        { ownerRef: COMMERCE, opened: 1, fixed: 0, overdue: 0, accepted: 0 },
        stillOverdue,
      ]);
    });

    it('notifies each owning team once per week, whatever restarts', async () => {
      // Teams owning components with images, and teams with numbers that week.
      expect(await service.sendWeekly()).toBe(2);
      expect(
        queued.map(q => [q.notice.recipients.entities[0], q.notice.title]),
      ).toEqual([
        [
          'group:default/ledger-team',
          'Security week 2026-W49 for ledger-team: 0 opened, 0 fixed, 0 overdue',
        ],
        [
          PAYMENTS,
          'Security week 2026-W49 for payments-team: 3 opened, 1 fixed, 1 overdue',
        ],
      ]);
      expect(queued[1].notice).toMatchObject({
        severity: 'high',
        link: '/security/report?week=2026-W49',
        description: '1 risks accepted; mean time to fix 72 h.',
      });
      expect(queued[1].event).toMatchObject({
        topic: 'notifications',
        type: 'notification-requested',
      });
      expect(
        await knex('portico_outbox').where({ type: 'notification-requested' }),
      ).toHaveLength(2);

      // The task again, an hour later (or on another instance): nothing new.
      now += 3_600_000;
      expect(await service.sendWeekly()).toBe(0);
      expect(queued).toHaveLength(2);

      // The first hours of a Monday: the week just ended is not sent yet.
      now = Date.UTC(2026, 11, 14, 2);
      expect(await service.sendWeekly()).toBe(0);
      now = Date.UTC(2026, 11, 14, 9);
      expect(await service.sendWeekly()).toBe(3);
      expect(queued.slice(2).map(q => q.notice.title)).toEqual([
        'Security week 2026-W50 for commerce-team: 1 opened, 0 fixed, 0 overdue',
        'Security week 2026-W50 for ledger-team: 0 opened, 0 fixed, 0 overdue',
        'Security week 2026-W50 for payments-team: 0 opened, 0 fixed, 1 overdue',
      ]);
    });
  },
);
