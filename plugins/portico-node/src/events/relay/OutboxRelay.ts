import { randomUUID } from 'crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DeliveryTarget, OutboxRow, OutboxStore } from '../outbox/OutboxStore';
import type { RelayTarget, TargetResult } from './RelayTarget';
import { backoffMs, RelaySettings } from './relayConfig';
import { relayMetrics } from './relayMetrics';

export interface RelayPassResult {
  claimed: number;
  delivered: number;
  failed: number;
}

/**
 * Drains one plugin's outbox to its targets. A row is delivered once every target took it;
 * a target that fails leaves the row (and the later rows of its subject) pending, retried
 * with exponential back-off. Nothing is published that was not committed, and nothing
 * committed is dropped.
 *
 * Dead letter: a failure counts against the event itself when the target said so (e.g. Kafka
 * refused the message as too large) or when the same target delivered other events in this
 * call or since the row last failed (it is up, it just does not take this one). After
 * `maxAttempts` such failures the row is parked with its last error until someone retries
 * it. The later rows of its subject wait behind it, since consumers rely on order per subject;
 * other subjects flow. A target that is down as a whole never parks anything: its rows back
 * off and are delivered once it is back.
 */
export class OutboxRelay {
  private readonly metrics = relayMetrics();
  private lastPrune = 0;
  /** When each target last took an event (this process only: a missed one only delays parking). */
  private readonly lastDeliveredAt = new Map<DeliveryTarget, number>();

  constructor(
    private readonly options: {
      pluginId: string;
      store: OutboxStore;
      targets: RelayTarget[];
      settings: RelaySettings;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  get requiredTargets(): DeliveryTarget[] {
    return this.options.targets.map(t => t.name);
  }

  /** One pass: claims and delivers batches until the outbox is drained or the pass is full. */
  async runOnce(): Promise<RelayPassResult> {
    const { store, settings, pluginId } = this.options;
    const runId = `${pluginId}:${randomUUID()}`;
    const total: RelayPassResult = { claimed: 0, delivered: 0, failed: 0 };
    try {
      for (let batch = 0; batch < settings.maxBatchesPerPass; batch++) {
        const rows = await store.claim({
          runId,
          limit: settings.batchSize,
          now: this.now(),
          leaseMs: settings.leaseSeconds * 1000,
        });
        if (rows.length === 0) break;
        const result = await this.deliverBatch(runId, rows);
        total.claimed += rows.length;
        total.delivered += result.delivered;
        total.failed += result.failed;
        await store.release(runId);
        if (rows.length < settings.batchSize || result.failed > 0) break;
      }
    } finally {
      await store.release(runId).catch(() => undefined);
    }
    await this.updateGauges();
    await this.pruneNowAndThen();
    if (total.failed > 0) {
      this.options.logger.warn(
        `Outbox relay: ${total.delivered} delivered, ${total.failed} failed and kept for retry`,
      );
    }
    return total;
  }

  private async deliverBatch(
    runId: string,
    rows: OutboxRow[],
  ): Promise<{ delivered: number; failed: number }> {
    const { store, pluginId } = this.options;
    const blockedSubjects = new Set<string>();
    const byId = new Map(rows.map(r => [r.event.id, r]));
    const failedIds = new Set<string>();
    for (const target of this.options.targets) {
      const todo = rows.filter(
        r => r.delivered[target.name] === undefined && !blockedSubjects.has(r.event.subject),
      );
      if (todo.length === 0) continue;
      const result = await target.deliver(todo);
      if (result.delivered.length > 0) {
        await store.markDelivered({
          runId,
          target: target.name,
          ids: result.delivered,
          now: this.now(),
          requiredTargets: this.requiredTargets,
        });
        for (const id of result.delivered) {
          const row = byId.get(id)!;
          row.delivered[target.name] = this.now();
          this.metrics.delivered.inc({ plugin: pluginId, target: target.name, topic: row.event.topic });
        }
        this.lastDeliveredAt.set(target.name, this.now());
      }
      // Group failures by outcome: one update per group, not per row.
      const groups = new Map<
        string,
        { ids: string[]; error: string; attempt: number; eventFailure: boolean; park: boolean }
      >();
      for (const failure of result.failed) {
        const row = byId.get(failure.id)!;
        blockedSubjects.add(row.event.subject);
        failedIds.add(failure.id);
        this.metrics.failed.inc({ plugin: pluginId, target: target.name, topic: row.event.topic });
        const attempt = row.attempts + 1;
        const eventFailure = this.blamesEvent(target.name, failure, row);
        const park = eventFailure && row.eventFailures + 1 >= this.options.settings.maxAttempts;
        if (park) {
          this.options.logger.error(
            `Outbox relay: event ${row.event.id} (${row.event.topic}/${row.event.type}, subject ${row.event.subject}) ` +
              `parked as dead letter after ${row.eventFailures + 1} refusals by ${target.name}: ${failure.error}`,
          );
        }
        const key = `${attempt}\u0000${eventFailure}\u0000${park}\u0000${failure.error}`;
        const group = groups.get(key) ?? {
          ids: [],
          error: `${target.name}: ${failure.error}`,
          attempt,
          eventFailure,
          park,
        };
        group.ids.push(failure.id);
        groups.set(key, group);
      }
      for (const group of groups.values()) {
        await store.markFailed({
          runId,
          ids: group.ids,
          error: group.error,
          now: this.now(),
          nextAttemptAt: this.now() + backoffMs(group.attempt, this.options.settings),
          eventFailure: group.eventFailure,
          park: group.park,
        });
      }
    }
    const delivered = rows.filter(r => this.requiredTargets.every(t => r.delivered[t] !== undefined));
    return { delivered: delivered.length, failed: failedIds.size };
  }

  /** Whether a failure is the event's fault rather than the target being down. */
  private blamesEvent(
    target: DeliveryTarget,
    failure: TargetResult['failed'][number],
    row: OutboxRow,
  ): boolean {
    if (failure.event) return true;
    const lastDelivered = this.lastDeliveredAt.get(target);
    return lastDelivered !== undefined && lastDelivered > (row.lastFailedAt ?? row.createdAt);
  }

  private async updateGauges(): Promise<void> {
    const { pluginId, store } = this.options;
    const stats = await store.stats();
    this.metrics.pending.set({ plugin: pluginId }, stats.pending);
    this.metrics.failing.set({ plugin: pluginId }, stats.failing);
    this.metrics.deadLetter.set({ plugin: pluginId }, stats.deadLetter);
    this.metrics.lag.set(
      { plugin: pluginId },
      stats.oldestPendingCreatedAt ? Math.max(0, (this.now() - stats.oldestPendingCreatedAt) / 1000) : 0,
    );
  }

  private async pruneNowAndThen(): Promise<void> {
    const now = this.now();
    if (now - this.lastPrune < 3600_000) return;
    this.lastPrune = now;
    const removed = await this.options.store.prune(
      now - this.options.settings.retentionDays * 86400_000,
    );
    if (removed > 0) {
      this.options.logger.info(`Outbox relay pruned ${removed} delivered events`);
    }
  }
}
