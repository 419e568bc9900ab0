import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  Alert,
  ALERT_SEVERITIES,
  ALERT_STATES,
  AlertListQuery,
  AlertStats,
  Page,
} from '@portico/plugin-monitoring-common';
import type { AckRecord, AlertFilter, AlertRecord, DeploymentRecord, MonitoringDatabase } from '../database/MonitoringStore';
import type { Clock } from './clock';

const DAY = 86_400_000;

/**
 * `payments-team`, `group:payments-team` and `group:default/payments-team` name the same team
 * (the projection keeps full, lower-cased refs); anything unparsable is a 400 naming the field.
 */
export function fullRef(value: string, kind: 'group' | 'component'): string {
  const field = kind === 'group' ? 'team' : 'component';
  try {
    const ref = parseEntityRef(value.trim(), { defaultKind: kind, defaultNamespace: 'default' });
    if (ref.kind.toLowerCase() !== kind) throw new InputError(`${field}: expected a ${kind} ref, got ${value}`);
    return stringifyEntityRef(ref).toLowerCase();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${field}: not an entity ref: ${value}`);
  }
}

/** How far before an alert a deployment is worth naming on it. */
export const DEPLOY_LOOKBACK_MS = 2 * 3600_000;

export function toApiAlert(alert: AlertRecord, ack?: AckRecord, deployment?: DeploymentRecord): Alert {
  const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
  return {
    id: alert.id,
    fingerprint: alert.fingerprint,
    alertname: alert.alertname,
    severity: alert.severity,
    state: alert.state,
    summary: alert.summary,
    description: alert.description,
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: iso(alert.startsAt)!,
    resolvedAt: iso(alert.resolvedAt),
    acknowledgedAt: iso(alert.acknowledgedAt),
    generatorUrl: alert.generatorUrl,
    source: alert.source,
    groupKey: alert.groupKey,
    componentRef: alert.componentRef,
    ownerRef: alert.ownerRef,
    ack: ack
      ? {
          by: ack.ackedBy,
          at: iso(ack.ackedAt)!,
          comment: ack.comment,
          expiresAt: iso(ack.expiresAt)!,
          silenceId: ack.silenceId,
          assignee: ack.assignee,
          ticketId: ack.ticketId,
        }
      : undefined,
    deployedBefore: deployment
      ? {
          version: deployment.version,
          environment: deployment.environment,
          outcome: deployment.outcome,
          at: iso(deployment.at)!,
          requestId: deployment.requestId,
          minutesBefore: Math.round((alert.startsAt - deployment.at) / 60_000),
        }
      : undefined,
  };
}

/** Reads for the pages: filtered on the server, paged, with the open ack of each alert. */
export class AlertQueryService {
  constructor(private readonly options: { db: MonitoringDatabase; clock: Clock }) {}

  static filterOf(query: { state?: AlertFilter['states']; severity?: AlertFilter['severities']; component?: string; team?: string; q?: string }): AlertFilter {
    return {
      states: query.state,
      severities: query.severity,
      componentRef: query.component ? fullRef(query.component, 'component') : undefined,
      ownerRef: query.team ? fullRef(query.team, 'group') : undefined,
      labelSearch: query.q?.trim() || undefined,
    };
  }

  async list(query: AlertListQuery): Promise<Page<Alert>> {
    const { db } = this.options;
    const page = await db.alerts.list(AlertQueryService.filterOf(query), { limit: query.limit, offset: query.offset });
    const acks = new Map((await db.acks.openMany(page.items.map(a => a.id))).map(a => [a.alertId, a]));
    const deployed = await this.deployedBefore(page.items);
    return {
      items: page.items.map(a => toApiAlert(a, acks.get(a.id), deployed.get(a.id))),
      totalCount: page.totalCount,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async get(id: string): Promise<Alert> {
    const { db } = this.options;
    const alert = await db.alerts.get(id);
    if (!alert) throw new NotFoundError(`No alert ${id}`);
    return toApiAlert(alert, await db.acks.open(id), (await this.deployedBefore([alert])).get(id));
  }

  /**
   * The last deployment of each alert's component in the lookback before it fired: one query
   * for the page (the range spans the page's alerts), matched in memory.
   */
  private async deployedBefore(alerts: AlertRecord[]): Promise<Map<string, DeploymentRecord>> {
    const withComponent = alerts.filter(a => a.componentRef);
    if (withComponent.length === 0) return new Map();
    const starts = withComponent.map(a => a.startsAt);
    const deployments = await this.options.db.deployments.ofComponents(
      [...new Set(withComponent.map(a => a.componentRef!))],
      Math.min(...starts) - DEPLOY_LOOKBACK_MS,
      Math.max(...starts),
      1000,
    );
    const result = new Map<string, DeploymentRecord>();
    for (const alert of withComponent) {
      const ref = alert.componentRef!.toLowerCase();
      const found = deployments.find(
        d => d.componentRef === ref && d.at <= alert.startsAt && d.at >= alert.startsAt - DEPLOY_LOOKBACK_MS,
      );
      if (found) result.set(alert.id, found);
    }
    return result;
  }

  async stats(query: { component?: string; team?: string }): Promise<AlertStats> {
    const { db, clock } = this.options;
    const filter = AlertQueryService.filterOf(query);
    const now = clock.now();
    // Two passes over the alerts: counts per state and severity, and both windows' means.
    const [counts, [week, month]] = await Promise.all([
      db.alerts.countByStateAndSeverity(filter),
      db.alerts.meanTimes([now - 7 * DAY, now - 30 * DAY], filter),
    ]);
    const bySeverity: Record<string, number> = {};
    const byState: Record<string, number> = {};
    for (const row of counts) {
      byState[row.state] = (byState[row.state] ?? 0) + row.count;
      if (row.state === 'firing' || row.state === 'acknowledged') {
        bySeverity[row.severity] = (bySeverity[row.severity] ?? 0) + row.count;
      }
    }
    return {
      bySeverity: Object.fromEntries(ALERT_SEVERITIES.map(s => [s, bySeverity[s] ?? 0])) as AlertStats['bySeverity'],
      byState: Object.fromEntries(ALERT_STATES.map(s => [s, byState[s] ?? 0])) as AlertStats['byState'],
      mtta: { days7: week.mtta, days30: month.mtta },
      mttr: { days7: week.mttr, days30: month.mttr },
    };
  }

  /** Firing alerts of the components the caller's teams own (the sidebar badge). */
  async firingForTeams(teams: string[]): Promise<number> {
    return this.options.db.alerts.countFiringOwnedBy(teams);
  }
}
