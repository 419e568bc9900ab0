import type { Knex } from 'knex';
import type {
  PorticoEvent,
  PorticoEventInput,
} from '@portico/plugin-portico-common';
import type { PorticoEventType } from '@portico/plugin-portico-common';
import type { FindingRecord } from '../database/SecurityStore';

export const SECURITY_TOPIC = 'security-findings';
export const SYSTEM_ACTOR = 'plugin:security';

/** What the services need of the outbox: writing events in their transaction. */
export interface EventSink {
  publish(
    trx: Knex.Transaction,
    ...events: PorticoEventInput[]
  ): Promise<PorticoEvent[]>;
}

export type SecurityEventType = PorticoEventType<'security-findings'>;

/** A finding event: the subject is the finding (its events stay in order on Kafka). */
export function findingEvent(
  type: SecurityEventType,
  actor: string,
  finding: FindingRecord,
  // The time of the change, as the callers have it; the envelope's occurredAt is the outbox's.
  _now: number,
  extra: Record<string, unknown> = {},
): PorticoEventInput {
  // Straight from the record: a large report publishes thousands of these in its transaction.
  return {
    topic: SECURITY_TOPIC,
    type,
    actor,
    subject: finding.id,
    data: {
      findingId: finding.id,
      ruleId: finding.ruleId,
      title: finding.title,
      severity: finding.severity,
      state: finding.state,
      kind: finding.kind,
      artifact: finding.artifact,
      ...(finding.pkgName ? { pkgName: finding.pkgName } : {}),
      ...(finding.componentRef ? { componentRef: finding.componentRef } : {}),
      ...(finding.ownerRef ? { ownerRef: finding.ownerRef } : {}),
      ...extra,
    },
  };
}
