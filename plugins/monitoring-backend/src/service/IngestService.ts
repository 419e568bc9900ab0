import { randomUUID } from 'crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError, ServiceUnavailableError } from '@backstage/errors';
import type { AlertRecord, MonitoringDatabase } from '../database/MonitoringStore';
import type { AlertRouting } from './AlertRouting';
import type { Clock } from './clock';
import type { ComponentResolver } from './ComponentResolver';
import { alertEvent, EventPublisher, SYSTEM_ACTOR } from './events';
import { IncomingAlert, severityOf } from './normalize';

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
    const { db, events, routing, clock, logger } = this.options;
    const result: IngestResult = { received: alerts.length, created: 0, resolved: 0, unchanged: 0, truncated };
    let silencesEnded = false;
    try {
      await db.transaction(async tx => {
        const now = clock.now();
        for (const incoming of alerts) {
          const existing = await tx.alerts.findOccurrence(incoming.fingerprint, incoming.startsAt);
          if (incoming.status === 'firing') {
            if (existing) {
              if (existing.state !== 'resolved' && JSON.stringify(existing.annotations) !== JSON.stringify(incoming.annotations)) {
                await tx.alerts.update(existing.id, {
                  annotations: incoming.annotations,
                  summary: incoming.annotations.summary,
                  description: incoming.annotations.description,
                  updatedAt: now,
                });
              }
              // A firing that arrives after its own resolve (out of order) does not reopen it.
              result.unchanged++;
              continue;
            }
            const alert = await this.newRecord(tx.components, incoming, 'firing', now);
            await tx.alerts.insert(alert);
            const [event] = await events.publish(tx.trx, alertEvent('alert-firing', SYSTEM_ACTOR, alert));
            await routing.firing(tx, alert, event, now);
            result.created++;
            continue;
          }
          const resolvedAt = incoming.endsAt ?? now;
          if (!existing) {
            // Resolved before we saw it fire (a lost or reordered notification): keep the occurrence for MTTR.
            const alert = await this.newRecord(tx.components, incoming, 'resolved', now, resolvedAt);
            await tx.alerts.insert(alert);
            await events.publish(tx.trx, alertEvent('alert-resolved', SYSTEM_ACTOR, alert));
            result.resolved++;
            continue;
          }
          if (existing.state === 'resolved') {
            result.unchanged++;
            continue;
          }
          const moved = await tx.alerts.transition(existing.id, ['firing', 'acknowledged'], 'resolved', {
            resolvedAt,
            updatedAt: now,
          });
          if (!moved) {
            result.unchanged++;
            continue;
          }
          const ack = await tx.acks.open(existing.id);
          if (ack) {
            await tx.acks.end(ack.id, now, 'resolved');
            if (ack.silenceOpen) silencesEnded = true;
          }
          await events.publish(
            tx.trx,
            alertEvent('alert-resolved', SYSTEM_ACTOR, { ...existing, state: 'resolved', resolvedAt }),
          );
          result.resolved++;
        }
      });
    } catch (error) {
      // Alertmanager retries on 5xx only: a write that failed (database down, lock timeout,
      // a concurrent insert of the same occurrence) is worth a retry.
      logger.warn(`Could not record ${alerts.length} alerts: ${error}`);
      throw new ServiceUnavailableError(
        `Could not record the alerts, retry later: ${isError(error) ? error.message : error}`,
      );
    }
    if (silencesEnded) this.options.onSilencesEnded?.();
    return result;
  }

  /**
   * Maps open alerts that arrived before their component was in the projection (at start-up, or
   * before the catalog knew the component); called after the catalog sync changed something.
   */
  async remapUnmapped(): Promise<number> {
    const { db, resolver, clock } = this.options;
    const open = await db.alerts.list({ states: ['firing', 'acknowledged'], unmapped: true }, { limit: 500, offset: 0 });
    let mapped = 0;
    for (const alert of open.items) {
      const component = await resolver.resolve(db.components, alert.labels);
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

  private async newRecord(
    components: MonitoringDatabase['components'],
    incoming: IncomingAlert,
    state: 'firing' | 'resolved',
    now: number,
    resolvedAt?: number,
  ): Promise<AlertRecord> {
    const component = await this.options.resolver.resolve(components, incoming.labels);
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
