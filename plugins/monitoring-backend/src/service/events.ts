import type { Knex } from 'knex';
import type { PorticoEvent, PorticoEventInput } from '@portico/plugin-portico-common';
import type { AckRecord, AlertRecord } from '../database/MonitoringStore';

/** Writes domain events into the outbox inside the caller's transaction (PorticoEvents.publish). */
export interface EventPublisher {
  publish(trx: Knex.Transaction, ...events: PorticoEventInput[]): Promise<PorticoEvent[]>;
}

/** The actor of what arrives by webhook or from the prober. */
export const SYSTEM_ACTOR = 'plugin:monitoring';

export type AlertEventType = 'alert-firing' | 'alert-resolved' | 'alert-acknowledged' | 'alert-unacknowledged';

export function alertEvent(type: AlertEventType, actor: string, alert: AlertRecord, ack?: AckRecord): PorticoEventInput {
  return {
    topic: 'alerts',
    type,
    actor,
    subject: alert.id,
    data: {
      alertId: alert.id,
      fingerprint: alert.fingerprint,
      alertname: alert.alertname,
      severity: alert.severity,
      state: alert.state,
      startsAt: new Date(alert.startsAt).toISOString(),
      labels: alert.labels,
      ...(alert.componentRef ? { componentRef: alert.componentRef } : {}),
      ...(alert.ownerRef ? { ownerRef: alert.ownerRef } : {}),
      ...(ack
        ? {
            comment: ack.comment,
            expiresAt: new Date(ack.expiresAt).toISOString(),
            ...(ack.silenceId ? { silenceId: ack.silenceId } : {}),
            ...(ack.assignee ? { assignee: ack.assignee } : {}),
            ...(ack.ticketId ? { ticketId: ack.ticketId } : {}),
          }
        : {}),
    },
  };
}
