import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationOutbox } from '@portico/portico-node';
import {
  securityFindingReadPermission,
  type FindingsTrend,
  type TeamWeeklyNumbers,
  type WeeklyReport,
} from '@portico/plugin-security-common';
import type { SecurityDatabase } from '../database/SecurityStore';
import type { Caller } from './access';
import { DAY_MS, type Clock } from './clock';
import { SYSTEM_ACTOR, type EventSink } from './events';
import { isoWeekOf, isoWeekRange, lastCompleteWeek } from './isoWeek';

const shortRef = (ref: string) => ref.replace(/^[a-z]+:default\//, '');

/** A CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function weeklyReportCsv(report: WeeklyReport): string {
  const header = [
    'week',
    'team',
    'opened',
    'fixed',
    'overdue',
    'accepted',
    'mean_time_to_fix_hours',
  ];
  const lines = report.teams.map(t =>
    [
      report.week,
      t.ownerRef,
      t.opened,
      t.fixed,
      t.overdue,
      t.accepted,
      t.meanTimeToFixHours,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

/**
 * The trend of open findings (computed from when each was first seen and fixed: it has a history
 * from the first day, with no snapshot table to fill), mean time to fix, and the weekly report
 * per team, as a page and as a notification sent once per week per team.
 */
export class ReportService {
  constructor(
    private readonly options: {
      db: SecurityDatabase;
      clock: Clock;
      events: EventSink;
      outbox: Pick<NotificationOutbox, 'enqueue'>;
      logger: LoggerService;
      appLink?: string;
    },
  ) {}

  async trend(
    caller: Caller,
    query: { days: number; componentRef?: string },
  ): Promise<FindingsTrend> {
    caller.require(securityFindingReadPermission);
    const { db, clock } = this.options;
    const now = clock.now();
    const today = Math.floor(now / DAY_MS) * DAY_MS;
    // The end of each day (UTC), today's being now.
    const dayEnds = Array.from({ length: query.days }, (_, i) =>
      Math.min(now, today + DAY_MS * (i - query.days + 2) - 1),
    );
    const filter = {
      componentRef: query.componentRef,
      visibleOwners: caller.visibleOwners(),
    };
    const [counts, meanTimeToFixHours] = await Promise.all([
      db.reports.openAt(dayEnds, filter),
      db.reports.meanTimeToFixBySeverity(
        now - query.days * DAY_MS,
        now + 1,
        filter,
      ),
    ]);
    return {
      days: dayEnds.map((end, i) => ({
        date: new Date(end).toISOString().slice(0, 10),
        ...counts[i],
      })),
      meanTimeToFixHours,
    };
  }

  async weekly(caller: Caller, week?: string): Promise<WeeklyReport> {
    caller.require(securityFindingReadPermission);
    return this.report(
      week ?? lastCompleteWeek(this.options.clock.now()),
      caller.visibleOwners(),
    );
  }

  private async report(
    week: string,
    visibleOwners?: string[],
  ): Promise<WeeklyReport> {
    const { from, to } = isoWeekRange(week);
    return {
      week,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      teams: await this.options.db.reports.weeklyNumbers(
        from,
        to,
        visibleOwners,
      ),
    };
  }

  /**
   * The scheduled task: each team that owns a component gets last week's numbers once. The
   * "sent" row, the event and the queued notice are one transaction per team, so a restart or a
   * second instance sends nothing twice, and a failure leaves that team for the next run.
   */
  async sendWeekly(): Promise<number> {
    const { db, clock, events, outbox, logger } = this.options;
    const now = clock.now();
    const week = lastCompleteWeek(now);
    // Not before the week is over for every time zone's Monday morning.
    if (isoWeekOf(now - 6 * 3_600_000) !== isoWeekOf(now)) return 0;
    const report = await this.report(week);
    const byTeam = new Map(report.teams.map(t => [t.ownerRef, t]));
    const teams = new Set([
      ...(await db.reports.owningTeams()),
      ...byTeam.keys(),
    ]);
    let sent = 0;
    for (const ownerRef of [...teams].sort()) {
      const numbers: TeamWeeklyNumbers = byTeam.get(ownerRef) ?? {
        ownerRef,
        opened: 0,
        fixed: 0,
        overdue: 0,
        accepted: 0,
      };
      try {
        const queued = await db.transaction(async tx => {
          if (!(await tx.reports.markWeeklySent(week, numbers, now)))
            return false;
          const [event] = await events.publish(tx.trx, {
            topic: 'notifications',
            type: 'notification-requested',
            actor: SYSTEM_ACTOR,
            subject: `security-weekly:${week}:${ownerRef}`,
            data: { kind: 'security-weekly-report', week, ...numbers },
          });
          await outbox.enqueue(tx.trx, event, {
            recipients: { entities: [ownerRef] },
            title: `Security week ${week} for ${shortRef(ownerRef)}: ${
              numbers.opened
            } opened, ${numbers.fixed} fixed, ${numbers.overdue} overdue`,
            description: `${
              numbers.accepted
            } risks accepted; mean time to fix ${
              numbers.meanTimeToFixHours === undefined
                ? 'n/a (nothing fixed)'
                : `${numbers.meanTimeToFixHours} h`
            }.`,
            link: `${this.options.appLink ?? ''}/security/report?week=${week}`,
            severity: numbers.overdue > 0 ? 'high' : 'low',
          });
          return true;
        });
        if (queued) sent++;
      } catch (error) {
        logger.warn(
          `Security weekly report ${week} for ${ownerRef} not sent, will retry: ${error}`,
        );
      }
    }
    if (sent) logger.info(`Security weekly report ${week}: ${sent} teams`);
    return sent;
  }
}
