import type { DeliveryTarget, OutboxRow } from '../outbox/OutboxStore';

export interface TargetResult {
  delivered: string[];
  /**
   * `event: true` when the target refused this event itself (not merely being unreachable):
   * such failures count towards parking the event as dead letter.
   */
  failed: Array<{ id: string; error: string; event?: boolean }>;
}

/**
 * One place the relay delivers to. `deliver` gets rows in write order and must keep that
 * order per subject: after a failure for a subject it leaves that subject's later rows
 * alone (neither delivered nor failed), and the relay tries them in a later pass.
 */
export interface RelayTarget {
  readonly name: DeliveryTarget;
  deliver(rows: OutboxRow[]): Promise<TargetResult>;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
