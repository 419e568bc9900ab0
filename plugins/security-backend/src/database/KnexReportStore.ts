import type { Knex } from 'knex';
import { columnValues } from '@portico/portico-node';
import {
  emptyCounts,
  SEVERITIES,
  type Severity,
  type TeamWeeklyNumbers,
} from '@portico/plugin-security-common';
import { filteredFindings } from './findingQuery';
import type { FindingFilter, ReportStore } from './SecurityStore';
import { COMPONENTS, FINDING_EVENTS, FINDINGS, type Row } from './tables';

const WEEKLY = 'security_weekly_reports';
const NOTIFIED = 'security_notified';
/** Accepted risks and false positives are not "open" at any time (when they were accepted is not kept per day). */
const SET_ASIDE = ['risk_accepted', 'false_positive'];
const HOUR_MS = 3_600_000;

const { num, optNum } = columnValues;

const hours = (ms: number | undefined) =>
  ms === undefined ? undefined : Math.round((ms / HOUR_MS) * 10) / 10;

export class KnexReportStore implements ReportStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /**
   * One statement whatever the number of days: a column per day counts the findings first seen by
   * then and not fixed by then, grouped by severity.
   */
  async openAt(dayEnds: number[], filter: FindingFilter) {
    const result = dayEnds.map(() => emptyCounts());
    if (!dayEnds.length) return result;
    const first = dayEnds[0];
    const last = dayEnds[dayEnds.length - 1];
    const query = filteredFindings(
      this.db,
      { ...filter, state: undefined },
      last,
    )
      .whereNotIn('state', SET_ASIDE)
      .where('first_seen_at', '<=', last)
      .where(q => q.whereNull('fixed_at').orWhere('fixed_at', '>', first))
      .select('severity')
      .groupBy('severity');
    dayEnds.forEach((end, i) =>
      query.select(
        this.db.raw(
          `sum(case when first_seen_at <= ? and (fixed_at is null or fixed_at > ?) then 1 else 0 end) as ??`,
          [end, end, `d${i}`],
        ),
      ),
    );
    for (const row of (await query) as Row[]) {
      const severity = row.severity as Severity;
      if (!SEVERITIES.includes(severity)) continue;
      dayEnds.forEach((_, i) => {
        result[i][severity] = num(row[`d${i}`] ?? 0);
      });
    }
    return result;
  }

  async meanTimeToFixBySeverity(
    from: number,
    to: number,
    filter: FindingFilter,
  ) {
    const rows: Row[] = await filteredFindings(
      this.db,
      { ...filter, state: undefined },
      to,
    )
      .where('state', 'fixed')
      .where('fixed_at', '>=', from)
      .where('fixed_at', '<', to)
      .select('severity')
      .avg({ mean: this.db.raw('fixed_at - first_seen_at') })
      .groupBy('severity');
    const result: Partial<Record<Severity, number>> = {};
    for (const row of rows) {
      const mean = hours(optNum(row.mean));
      if (mean !== undefined) result[row.severity as Severity] = mean;
    }
    return result;
  }

  async weeklyNumbers(from: number, to: number, visibleOwners?: string[]) {
    const owned = (q: Knex.QueryBuilder) => {
      q.whereNotNull('owner_ref');
      if (visibleOwners) q.whereIn('owner_ref', visibleOwners);
      return q;
    };
    const [opened, fixed, overdue, accepted] = await Promise.all([
      owned(this.db(FINDINGS))
        .where('first_seen_at', '>=', from)
        .where('first_seen_at', '<', to)
        .select('owner_ref')
        .count({ count: '*' })
        .groupBy('owner_ref'),
      owned(this.db(FINDINGS))
        .where('state', 'fixed')
        .where('fixed_at', '>=', from)
        .where('fixed_at', '<', to)
        .select('owner_ref')
        .count({ count: '*' })
        .avg({ mean: this.db.raw('fixed_at - first_seen_at') })
        .groupBy('owner_ref'),
      // Past due at the end of the week and not fixed by then.
      owned(this.db(FINDINGS))
        .whereNotIn('state', SET_ASIDE)
        .where('first_seen_at', '<', to)
        .whereNotNull('due_at')
        .where('due_at', '<', to)
        .where(q => q.whereNull('fixed_at').orWhere('fixed_at', '>=', to))
        .select('owner_ref')
        .count({ count: '*' })
        .groupBy('owner_ref'),
      this.db(FINDING_EVENTS)
        .join(FINDINGS, `${FINDINGS}.id`, `${FINDING_EVENTS}.finding_id`)
        .whereIn(`${FINDING_EVENTS}.to_state`, SET_ASIDE)
        .where(`${FINDING_EVENTS}.at`, '>=', from)
        .where(`${FINDING_EVENTS}.at`, '<', to)
        .whereNotNull(`${FINDINGS}.owner_ref`)
        .modify(q => {
          if (visibleOwners) q.whereIn(`${FINDINGS}.owner_ref`, visibleOwners);
        })
        .select(`${FINDINGS}.owner_ref as owner_ref`)
        .count({ count: '*' })
        .groupBy(`${FINDINGS}.owner_ref`),
    ]);
    const teams = new Map<string, TeamWeeklyNumbers>();
    const team = (ownerRef: string) => {
      let entry = teams.get(ownerRef);
      if (!entry) {
        entry = { ownerRef, opened: 0, fixed: 0, overdue: 0, accepted: 0 };
        teams.set(ownerRef, entry);
      }
      return entry;
    };
    for (const row of opened as Row[])
      team(row.owner_ref).opened = num(row.count);
    for (const row of fixed as Row[]) {
      const entry = team(row.owner_ref);
      entry.fixed = num(row.count);
      entry.meanTimeToFixHours = hours(optNum(row.mean));
    }
    for (const row of overdue as Row[])
      team(row.owner_ref).overdue = num(row.count);
    for (const row of accepted as Row[])
      team(row.owner_ref).accepted = num(row.count);
    return [...teams.values()].sort((a, b) =>
      a.ownerRef.localeCompare(b.ownerRef),
    );
  }

  async owningTeams() {
    const rows: Row[] = await this.db(COMPONENTS)
      .whereNotNull('owner_ref')
      .distinct('owner_ref')
      .orderBy('owner_ref');
    return rows.map(row => row.owner_ref as string);
  }

  async markWeeklySent(week: string, numbers: TeamWeeklyNumbers, at: number) {
    const inserted = await this.db(WEEKLY)
      .insert({
        week,
        owner_ref: numbers.ownerRef,
        numbers: JSON.stringify(numbers),
        sent_at: at,
      })
      .onConflict(['week', 'owner_ref'])
      .ignore()
      .returning('week');
    return inserted.length > 0;
  }

  async lastNotified(findingId: string) {
    const row = await this.db(NOTIFIED)
      .where({ finding_id: findingId })
      .first();
    return row ? num(row.notified_at) : undefined;
  }

  async recordNotified(findingId: string, at: number) {
    await this.db(NOTIFIED)
      .insert({ finding_id: findingId, notified_at: at })
      .onConflict('finding_id')
      .merge();
  }
}
