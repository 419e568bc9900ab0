import { randomUUID } from 'crypto';
import type { Knex } from 'knex';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError, ServiceUnavailableError } from '@backstage/errors';
import type { PorticoEventInput } from '@portico/plugin-portico-common';
import { AlertRecord, ComponentRecord, MonitoringDatabase, MonitoringStores, occurrenceKey } from '../database/MonitoringStore';
import type { AlertRouting, FiringAlert } from './AlertRouting';
import type { Clock } from './clock';
import type { ComponentResolver } from './ComponentResolver';
import { alertEvent, EventPublisher, SYSTEM_ACTOR } from './events';
import { IncomingAlert, severityOf } from './normalize';

type MonitoringTx = MonitoringStores & { trx: Knex.Transaction };

export interface IngestResult {
  received: number;
  created: number;
  resolved: number;
  unchanged: number;
  /** Alerts Alertmanager left out of the payload (`truncatedAlerts`); they come back in a later notification. */
  truncated: number;
}

/**
 * Records webhook alerts, idempotently: an occurrence is its fingerprint + startsAt; a resolved
 * notification closes the occurrence and ends its acknowledgement; a firing after a resolve has a
 * new startsAt, so it is a new occurrence. One transaction per webhook, events and notices in it.
 */
export class IngestService {
  constructor(
    private readonly options: {
      db: MonitoringDatabase;
      events: EventPublisher;
      resolver: ComponentResolver;
      routing: AlertRouting;
      clock: Clock;
      logger: LoggerService;
      /** Called after a commit that ended acks with silences, to delete them now rather than on the next sweep. */
      onSilencesEnded?: () => void;
    },
  ) {}

  async ingest(alerts: IncomingAlert[], truncated = 0): Promise<IngestResult> {
    const { db, logger } = this.options;
    let outcome: { result: IngestResult; silencesEnded: boolean };
    try {
      outcome = await db.transaction(tx => this.record(tx, alerts, truncated));
    } catch (error) {
      // Alertmanager retries on 5xx only: a write that failed (database down, lock timeout,
      // a concurrent insert of the same occurrence) is worth a retry.
      logger.warn(`Could not record ${alerts.length} alerts: ${error}`);
      throw new ServiceUnavailableError(
        `Could not record the alerts, retry later: ${isError(error) ? error.message : error}`,
      );
    }
    if (outcome.silencesEnded) this.options.onSilencesEnded?.();
    return outcome.result;
  }

  /**
   * One webhook in one transaction with a fixed number of statements per chunk of alerts: the
   * occurrences looked up together (locked on PostgreSQL), the decisions taken in memory in the
   * webhook's order, then the inserts, resolves, ack ends, events and notices written in bulk.
   */
  private async record(tx: MonitoringTx, alerts: IncomingAlert[], truncated: number) {
    const { events, routing, resolver, clock } = this.options;
    const result: IngestResult = { received: alerts.length, created: 0, resolved: 0, unchanged: 0, truncated };
    const now = clock.now();
    const known = await tx.alerts.findOccurrences(alerts);
    const newAlerts = alerts.filter(a => !known.has(occurrenceKey(a)));
    const components = await resolver.resolveMany(tx.components, newAlerts.map(a => a.labels));
    const componentOf = new Map(newAlerts.map((a, i) => [occurrenceKey(a), components[i]]));

    const inserts = new Map<string, AlertRecord>();
    const resolves = new Map<string, { id: string; resolvedAt: number }>();
    const annotationUpdates = new Map<string, AlertRecord>();
    const pending: Array<{ input: PorticoEventInput; firing?: { alert: AlertRecord; component?: ComponentRecord } }> = [];

    for (const incoming of alerts) {
      const key = occurrenceKey(incoming);
      const existing = known.get(key);
      if (incoming.status === 'firing') {
        if (existing) {
          if (existing.state !== 'resolved' && JSON.stringify(existing.annotations) !== JSON.stringify(incoming.annotations)) {
            const { summary, description } = incoming.annotations;
            const updated = { ...existing, annotations: incoming.annotations, summary, description };
            known.set(key, updated);
            if (inserts.has(key)) inserts.set(key, updated);
            else annotationUpdates.set(existing.id, updated);
          }
          // A firing that arrives after its own resolve (out of order) does not reopen it.
          result.unchanged++;
          continue;
        }
        const alert = this.newRecord(incoming, componentOf.get(key), 'firing', now);
        inserts.set(key, alert);
        known.set(key, alert);
        pending.push({ input: alertEvent('alert-firing', SYSTEM_ACTOR, alert), firing: { alert, component: componentOf.get(key) } });
        result.created++;
        continue;
      }
      const resolvedAt = incoming.endsAt ?? now;
      if (!existing) {
        // Resolved before we saw it fire (a lost or reordered notification): keep the occurrence for MTTR.
        const alert = this.newRecord(incoming, componentOf.get(key), 'resolved', now, resolvedAt);
        inserts.set(key, alert);
        known.set(key, alert);
        pending.push({ input: alertEvent('alert-resolved', SYSTEM_ACTOR, alert) });
        result.resolved++;
        continue;
      }
      if (existing.state === 'resolved') {
        result.unchanged++;
        continue;
      }
      const closed: AlertRecord = { ...existing, state: 'resolved', resolvedAt, updatedAt: now };
      known.set(key, closed);
      if (inserts.has(key)) {
        // Fired and resolved within this one webhook: the row goes in resolved.
        inserts.set(key, closed);
      } else {
        resolves.set(existing.id, { id: existing.id, resolvedAt });
        annotationUpdates.delete(existing.id);
      }
      pending.push({ input: alertEvent('alert-resolved', SYSTEM_ACTOR, closed) });
      result.resolved++;
    }

    await tx.alerts.insertMany([...inserts.values()]);
    for (const alert of annotationUpdates.values()) {
      await tx.alerts.update(alert.id, {
        annotations: alert.annotations,
        summary: alert.annotations.summary,
        description: alert.annotations.description,
        updatedAt: now,
      });
    }
    const moved = await tx.alerts.resolveMany([...resolves.values()], now);
    if (moved !== resolves.size) {
      // The rows were read (and, on PostgreSQL, locked) above; a difference means a concurrent
      // writer anyway: roll back and let Alertmanager retry.
      throw new Error(`${resolves.size - moved} alerts changed while this webhook was recorded`);
    }
    const ended = await tx.acks.endForAlerts([...resolves.keys()], now, 'resolved');
    const published = pending.length ? await events.publish(tx.trx, ...pending.map(p => p.input)) : [];
    const firing: FiringAlert[] = [];
    pending.forEach((p, i) => {
      if (p.firing) firing.push({ ...p.firing, event: published[i] });
    });
    await routing.firingMany(tx, firing, now);
    return { result, silencesEnded: ended.some(a => a.silenceOpen) };
  }

  /**
   * Maps open alerts that arrived before their component was in the projection (at start-up, or
   * before the catalog knew the component); called after the catalog sync changed something.
   */
  async remapUnmapped(): Promise<number> {
    const { db, resolver, clock } = this.options;
    const open = await db.alerts.list({ states: ['firing', 'acknowledged'], unmapped: true }, { limit: 500, offset: 0 });
    const components = await resolver.resolveMany(db.components, open.items.map(a => a.labels));
    let mapped = 0;
    for (const [i, alert] of open.items.entries()) {
      const component = components[i];
      if (!component) continue;
      await db.alerts.update(alert.id, {
        componentRef: component.entityRef,
        ownerRef: component.ownerRef,
        updatedAt: clock.now(),
      });
      mapped++;
    }
    return mapped;
  }

  private newRecord(
    incoming: IncomingAlert,
    component: ComponentRecord | undefined,
    state: 'firing' | 'resolved',
    now: number,
    resolvedAt?: number,
  ): AlertRecord {
    return {
      id: randomUUID(),
      fingerprint: incoming.fingerprint,
      startsAt: incoming.startsAt,
      state,
      alertname: incoming.labels.alertname,
      severity: severityOf(incoming.labels),
      summary: incoming.annotations.summary,
      description: incoming.annotations.description,
      labels: incoming.labels,
      annotations: incoming.annotations,
      generatorUrl: incoming.generatorUrl,
      source: incoming.source,
      groupKey: incoming.groupKey,
      receiver: incoming.receiver,
      componentRef: component?.entityRef,
      ownerRef: component?.ownerRef,
      resolvedAt,
      createdAt: now,
      updatedAt: now,
    };
  }
}
