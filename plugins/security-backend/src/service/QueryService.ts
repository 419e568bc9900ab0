import { NotFoundError } from '@backstage/errors';
import {
  emptyCounts,
  securityFindingReadPermission,
  type Counts,
  type FindingDetails,
  type ListFindingsFilter,
  type Page,
  type Finding,
  type RuntimeEvent,
  type SecurityStats,
} from '@portico/plugin-security-common';
import type {
  FalcoEventRecord,
  FindingRecord,
  SecurityDatabase,
  SeverityCountRow,
} from '../database/SecurityStore';
import type { SecuritySettings } from '../config';
import type { Caller } from './access';
import { DAY_MS, type Clock } from './clock';
import { toFindingView, toRiskRequestView, toTimelineEntry } from './views';
import { permittedActions } from './TriageService';
import type { ApprovalRule } from '@portico/portico-node';

/** Reads: lists, details, counts. Every read is limited to what the caller may see. */
export class QueryService {
  constructor(
    private readonly options: {
      db: SecurityDatabase;
      settings: SecuritySettings;
      clock: Clock;
      rule: ApprovalRule;
    },
  ) {}

  async list(
    caller: Caller,
    query: ListFindingsFilter,
  ): Promise<Page<Finding>> {
    caller.require(securityFindingReadPermission);
    const now = this.options.clock.now();
    const { limit, offset, sort, ...filter } = query;
    const { items, totalCount } = await this.options.db.findings.list(
      { ...filter, visibleOwners: caller.visibleOwners() },
      { limit, offset, sort },
      now,
    );
    return {
      items: items.map(r => toFindingView(r, now)),
      totalCount,
      limit,
      offset,
    };
  }

  /** 404 for a finding the caller may not see, as for one that does not exist. */
  async visibleFinding(caller: Caller, id: string): Promise<FindingRecord> {
    caller.require(securityFindingReadPermission);
    const record = await this.options.db.findings.get(id);
    if (!record || !caller.sees(record.ownerRef))
      throw new NotFoundError(`No finding ${id}`);
    return record;
  }

  async details(caller: Caller, id: string): Promise<FindingDetails> {
    const record = await this.visibleFinding(caller, id);
    const { db, clock } = this.options;
    const [timeline, risks, scans, ticket] = await Promise.all([
      db.findings.timeline(id),
      db.risks.forFinding(id),
      db.scans.recentForFinding(id, 10),
      db.tickets.linkFor(id),
    ]);
    const now = clock.now();
    const pending = risks.find(r => r.state === 'pending');
    return {
      ...toFindingView(record, now),
      timeline: [
        {
          action: 'open',
          from: null,
          to: 'open',
          actor: 'plugin:security',
          comment: record.firstScanId
            ? `First reported by scan ${record.firstScanId}`
            : undefined,
          at: new Date(record.firstSeenAt).toISOString(),
        },
        ...timeline.map(toTimelineEntry),
      ],
      riskRequests: risks.map(toRiskRequestView),
      permittedActions: permittedActions(
        this.options.rule,
        caller,
        record,
        pending,
        ticket?.ticketId !== undefined,
      ),
      ...(ticket?.ticketId
        ? {
            ticket: {
              ticketId: ticket.ticketId,
              componentRef: ticket.componentRef,
              vulnerabilityId: ticket.vulnerabilityId,
            },
          }
        : {}),
      seenIn: scans.map(s => ({
        scanId: s.id,
        artifact: s.artifact,
        digest: s.digest,
        at: new Date(s.createdAt).toISOString(),
      })),
    };
  }

  async stats(
    caller: Caller,
    filter: { componentRef?: string },
  ): Promise<SecurityStats> {
    caller.require(securityFindingReadPermission);
    const { db, settings, clock } = this.options;
    const now = clock.now();
    const scope = { ...filter, visibleOwners: caller.visibleOwners() };
    // One pass over the open findings; totals, components and teams are sums of its rows.
    const [counts, mttf, component] = await Promise.all([
      db.findings.countActive(now, scope),
      db.findings.meanTimeToFixMs(now - 90 * DAY_MS, scope),
      filter.componentRef
        ? db.components.get(filter.componentRef)
        : Promise.resolve(undefined),
    ]);
    const open = emptyCounts();
    const overdue = emptyCounts();
    for (const row of counts) {
      open[row.severity] += row.count;
      overdue[row.severity] += row.overdue;
    }
    // Unowned (no component) findings are counted for those who see everything, whatever the
    // component filter: read off the rows when nothing filters them out.
    let unowned = 0;
    if (caller.visibleOwners() === undefined) {
      unowned = filter.componentRef
        ? await db.findings.countUnowned()
        : counts
            .filter(row => row.componentRef === null)
            .reduce((sum, row) => sum + row.count, 0);
    }
    const byComponent = grouped(counts, row => row.componentRef);
    const byTeam = grouped(counts, row => row.ownerRef);
    return {
      open,
      overdue,
      unowned,
      byComponent: byComponent.map(g => ({
        componentRef: g.key,
        open: g.open,
        overdue: g.overdue,
      })),
      byTeam: byTeam.map(g => ({
        ownerRef: g.key,
        open: g.open,
        overdue: g.overdue,
      })),
      meanTimeToFixHours:
        mttf === undefined
          ? undefined
          : Math.round((mttf / 3_600_000) * 10) / 10,
      slaDays: settings.slaDays,
      ...(component && caller.sees(component.ownerRef)
        ? {
            componentSla: {
              slaDays: component.slaDays ?? settings.slaDays,
              sources: component.slaSources ?? ['default'],
              ...(component.slaError
                ? { annotationError: component.slaError }
                : {}),
            },
          }
        : {}),
    };
  }

  async runtimeEvents(
    caller: Caller,
    query: { componentRef?: string; limit: number; offset: number },
  ): Promise<Page<RuntimeEvent>> {
    caller.require(securityFindingReadPermission);
    const { limit, offset, componentRef } = query;
    // Runtime events are limited to the caller's teams, as findings are (security sees all).
    const { items, totalCount } = await this.options.db.runtime.list(
      { componentRef, visibleOwners: caller.visibleOwners() },
      { limit, offset },
    );
    return { items: items.map(toRuntimeView), totalCount, limit, offset };
  }
}

function grouped(
  rows: SeverityCountRow[],
  keyOf: (row: SeverityCountRow) => string | null,
): Array<{ key: string; open: Counts; overdue: number }> {
  const byKey = new Map<
    string,
    { key: string; open: Counts; overdue: number }
  >();
  for (const row of rows) {
    const key = keyOf(row);
    if (!key) continue;
    const entry = byKey.get(key) ?? {
      key,
      open: emptyCounts(),
      overdue: 0,
    };
    entry.open[row.severity] += row.count;
    entry.overdue += row.overdue;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      b.open.critical - a.open.critical ||
      b.open.high - a.open.high ||
      a.key.localeCompare(b.key),
  );
}

export function toRuntimeView(r: FalcoEventRecord): RuntimeEvent {
  return {
    uuid: r.uuid,
    rule: r.rule,
    priority: r.priority,
    severity: r.severity,
    output: r.output,
    time: new Date(r.eventTime).toISOString(),
    hostname: r.hostname,
    containerId: r.containerId,
    imageRepository: r.imageRepository,
    namespace: r.namespace,
    componentRef: r.componentRef,
    findingId: r.findingId,
  };
}
