import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import {
  ApiUsage,
  ApimEnvironment,
  GatewayLogLine,
  gatewayRateZone,
  UsageDay,
} from '@portico/plugin-apim-common';
import { LATENCY_BUCKETS_MS, UsageCounts, UsageRow, UsageStore, usageStore } from '../../database/gateway/UsageStore';
import type { ApimDatabase } from '../../database/ApimStore';
import type { KeyService } from '../keys/KeyService';
import type { QuotaNotices } from './QuotaNotices';

const DAY_MS = 86_400_000;

/** What the gateway does with a request, as the authorize endpoint answers it. */
export type GatewayDecision =
  | { status: 204; applicationId: string; plan: string; rateZone?: string }
  | { status: 401 }
  | { status: 403; reason: 'not-subscribed' }
  | { status: 403; reason: 'quota'; retryAfterSeconds: number };

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** First day of the quota period that holds `now`, and the moment the next one starts. */
function quotaPeriod(per: 'day' | 'month', now: number): { from: string; endsAt: number } {
  const date = new Date(now);
  if (per === 'day') {
    const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    return { from: utcDay(start), endsAt: start + DAY_MS };
  }
  const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  return { from: utcDay(start), endsAt: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) };
}

/** The bucket of a latency, in LATENCY_BUCKETS_MS (the last one is everything slower). */
function bucketOf(ms: number): number {
  const index = LATENCY_BUCKETS_MS.findIndex(bound => ms <= bound);
  return index === -1 ? LATENCY_BUCKETS_MS.length : index;
}

/** The upper bound of the bucket holding the 95th percentile: a day's p95 to the bucket. */
export function p95FromBuckets(buckets: number[]): number | undefined {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i];
    if (seen >= total * 0.95) return LATENCY_BUCKETS_MS[i] ?? LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] * 2;
  }
  return undefined;
}

export function toUsageDay(row: UsageRow): UsageDay {
  const p95Ms = p95FromBuckets(row.latencyBuckets);
  return {
    day: row.day,
    applicationId: row.applicationId,
    apiRef: row.apiRef,
    environment: row.environment,
    requests: row.requests,
    status4xx: row.status4xx,
    status5xx: row.status5xx,
    rateLimited: row.rateLimited,
    ...(p95Ms !== undefined ? { p95Ms } : {}),
  };
}

/**
 * The gateway's side of the API portal: whether a request may pass (the key, its subscription
 * to this API in this environment, the plan's quota), and the usage the gateway reports back.
 * Rate limits are the gateway's (nginx `limit_req`, per application and plan rate); quotas are
 * Portico's, counted from the usage the gateway ships, so they hold across gateway replicas and
 * restarts.
 */
export class GatewayService {
  constructor(
    private readonly options: {
      knex: Knex;
      /** For the quota notices: the subscription and plan behind the counted usage. */
      db: ApimDatabase;
      keys: Pick<KeyService, 'verify'>;
      quotaNotices: QuotaNotices;
      now?: () => number;
    },
  ) {}

  private now() {
    return (this.options.now ?? Date.now)();
  }

  private get store(): UsageStore {
    return usageStore(this.options.knex);
  }

  async authorize(request: {
    apiRef: string;
    environment: ApimEnvironment;
    key: string;
  }): Promise<GatewayDecision> {
    if (!request.key) return { status: 401 };
    const verification = await this.options.keys.verify({
      key: request.key,
      environment: request.environment,
    });
    if (!verification.valid) return { status: 401 };
    const subscription = verification.subscriptions.find(s => s.apiRef === request.apiRef);
    if (!subscription) return { status: 403, reason: 'not-subscribed' };
    if (subscription.quota) {
      const now = this.now();
      const period = quotaPeriod(subscription.quota.per, now);
      const used = await this.store.requestsBetween(
        verification.application.id,
        request.apiRef,
        request.environment,
        period.from,
        utcDay(now),
      );
      if (used >= subscription.quota.requests) {
        return {
          status: 403,
          reason: 'quota',
          retryAfterSeconds: Math.max(1, Math.ceil((period.endsAt - now) / 1000)),
        };
      }
    }
    return {
      status: 204,
      applicationId: verification.application.id,
      plan: subscription.plan,
      ...(subscription.rateLimit ? { rateZone: gatewayRateZone(subscription.rateLimit) } : {}),
    };
  }

  /**
   * Counts a batch of access-log lines into the per-day usage, once per batch id (the shipper
   * retries a batch it got no answer for). Lines without an application (refused keys) are not
   * anyone's usage and are skipped. The quota notices the batch causes are claimed and queued
   * in the same transaction.
   */
  async ingestUsage(batchId: string, lines: GatewayLogLine[]): Promise<{ counted: number; duplicate: boolean }> {
    const groups = new Map<string, { key: UsageRow; counts: UsageCounts }>();
    let counted = 0;
    for (const line of lines) {
      if (!line.application || !line.api) continue;
      const time = Date.parse(line.time);
      if (Number.isNaN(time)) continue;
      const day = utcDay(time);
      const id = [line.application, line.api, line.environment, day].join('|');
      let group = groups.get(id);
      if (!group) {
        const counts: UsageCounts = {
          requests: 0,
          status4xx: 0,
          status5xx: 0,
          rateLimited: 0,
          latencyBuckets: new Array(LATENCY_BUCKETS_MS.length + 1).fill(0),
        };
        group = {
          key: {
            applicationId: line.application,
            apiRef: line.api,
            environment: line.environment as ApimEnvironment,
            day,
            ...counts,
          },
          counts,
        };
        groups.set(id, group);
      }
      group.counts.requests += 1;
      if (line.status === 429) group.counts.rateLimited += 1;
      else if (line.status >= 500) group.counts.status5xx += 1;
      else if (line.status >= 400) group.counts.status4xx += 1;
      if (line.requestTime !== undefined) {
        group.counts.latencyBuckets[bucketOf(line.requestTime * 1000)] += 1;
      }
      counted += 1;
    }
    return this.options.db.transaction(async tx => {
      const store = usageStore(tx.trx);
      const now = this.now();
      if (!(await store.claimBatch(batchId, now))) return { counted: 0, duplicate: true };
      // Sorted, so that two batches touching the same rows lock them in the same order.
      const ids = [...groups.keys()].sort();
      for (const id of ids) {
        const { key, counts } = groups.get(id)!;
        await store.add(key, counts);
      }
      await this.options.quotaNotices.check(tx, store, ids.map(id => groups.get(id)!.key), now);
      return { counted, duplicate: false };
    });
  }

  async usage(filter: { applicationId?: string; apiRef?: string; days: number }): Promise<UsageDay[]> {
    const now = this.now();
    const rows = await this.store.list({
      ...filter,
      fromDay: utcDay(now - (filter.days - 1) * DAY_MS),
      toDay: utcDay(now),
    });
    return rows.map(toUsageDay);
  }

  /** Every application's usage of one API, with the applications' names. */
  async apiUsage(apiRef: string, days: number): Promise<ApiUsage> {
    const usage = await this.usage({ apiRef, days });
    const ids = [...new Set(usage.map(day => day.applicationId))];
    const names = await this.store.applicationNames(ids);
    return {
      days: usage,
      applications: ids
        .map(id => ({ id, name: names.get(id) ?? id }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  /** A stable id for a batch of lines, for shippers that do not name their batches. */
  static batchIdOf(lines: string[]): string {
    return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 64);
  }
}
