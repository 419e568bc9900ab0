import type { Knex } from 'knex';
import type {
  PorticoEvent,
  PorticoEventInput,
} from '@portico/plugin-portico-common';
import type { PorticoEventType } from '@portico/plugin-portico-common';
import type { Finding } from '@portico/plugin-security-common';
import type { FindingRecord } from '../database/SecurityStore';
import { toFindingView } from './views';

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
  now: number,
  extra: Record<string, unknown> = {},
): PorticoEventInput {
  const view: Finding = toFindingView(finding, now);
  return {
    topic: SECURITY_TOPIC,
    type,
    actor,
    subject: finding.id,
    data: {
      findingId: finding.id,
      ruleId: view.ruleId,
      title: view.title,
      severity: view.severity,
      state: view.state,
      kind: view.kind,
      artifact: view.artifact,
      ...(view.pkgName ? { pkgName: view.pkgName } : {}),
      ...(view.componentRef ? { componentRef: view.componentRef } : {}),
      ...(view.ownerRef ? { ownerRef: view.ownerRef } : {}),
      ...extra,
    },
  };
}
