import type { Knex } from 'knex';
import type { DeliveryState, PorticoEvent } from '@portico/plugin-portico-common';

/** Where the relay delivers: Backstage's events service (and the auditor), and Kafka. */
export type DeliveryTarget = 'events' | 'kafka';

export interface OutboxRow {
  seq: number;
  event: PorticoEvent;
  createdAt: number;
  delivered: Record<DeliveryTarget, number | undefined>;
  deliveredAt?: number;
  /** Failed attempts, whatever the cause; drives the back-off. */
  attempts: number;
  /** Failed attempts blamed on the event itself; at `maxAttempts` it is parked. */
  eventFailures: number;
  lastError?: string;
  lastFailedAt?: number;
  nextAttemptAt: number;
  /** Parked as dead letter: not retried until someone asks (`retryNow`). */
  deadAt?: number;
}

export interface OutboxListQuery {
  topic?: string;
  type?: string;
  subject?: string;
  state?: DeliveryState;
  from?: number;
  to?: number;
  limit: number;
  /** Exclusive upper bound: (occurredAt, seq) of the last row of the previous page. */
  before?: { occurredAt: number; seq: number };
}

export interface OutboxStats {
  /** Undelivered and not parked (including rows waiting behind a parked row of their subject). */
  pending: number;
  failing: number;
  deadLetter: number;
  /** created_at of the oldest undelivered row. */
  oldestPendingCreatedAt?: number;
}

/** The outbox of one plugin. Writes join the caller's transaction; the relay reads the rest. */
export interface OutboxStore {
  /** Adds events inside the caller's transaction: they exist only if it commits. */
  append(trx: Knex | Knex.Transaction, events: PorticoEvent[]): Promise<void>;

  /**
   * Claims up to `limit` undelivered rows for one relay pass, oldest first, from eligible rows
   * only: rows in back-off, parked rows, rows another relay holds, and every later row of
   * their subjects are left out before the limit applies, so that they can neither starve the
   * rows behind them nor be overtaken within their subject. Returns the claimed rows in write
   * order.
   */
  claim(options: { runId: string; limit: number; now: number; leaseMs: number }): Promise<OutboxRow[]>;

  /** Records that `target` took these rows; a row whose required targets all took it is delivered. */
  markDelivered(options: {
    runId: string;
    target: DeliveryTarget;
    ids: string[];
    now: number;
    requiredTargets: DeliveryTarget[];
  }): Promise<void>;

  /**
   * Records a failed attempt and when to try again; releases the claim. `eventFailure`: the
   * target blamed the event itself; `park`: it did so too often, the row becomes dead letter.
   */
  markFailed(options: {
    runId: string;
    ids: string[];
    error: string;
    now: number;
    nextAttemptAt: number;
    eventFailure: boolean;
    park: boolean;
  }): Promise<void>;

  /** Releases whatever this run still holds. */
  release(runId: string): Promise<void>;

  stats(): Promise<OutboxStats>;

  /** Deletes delivered rows older than `deliveredBefore`; returns how many. */
  prune(deliveredBefore: number): Promise<number>;

  list(query: OutboxListQuery): Promise<OutboxRow[]>;

  get(id: string): Promise<OutboxRow | undefined>;

  /** Makes a pending, failing or parked row due now (a parked one is un-parked). */
  retryNow(id: string): Promise<'scheduled' | 'not-found' | 'delivered'>;
}
