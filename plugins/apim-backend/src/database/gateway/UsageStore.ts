import type { Knex } from 'knex';
import { columnValues, KnexOrTransaction } from '@portico/portico-node';
import type { ApimEnvironment } from '@portico/plugin-apim-common';
import { APPLICATIONS } from '../tables';

export const USAGE = 'apim_gateway_usage';
export const USAGE_BATCHES = 'apim_gateway_usage_batches';
export const QUOTA_NOTICES = 'apim_gateway_quota_notices';

/** Upper bounds of the latency buckets, in milliseconds; the last bucket is everything slower. */
export const LATENCY_BUCKETS_MS = [
  5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000,
] as const;

export interface UsageKey {
  applicationId: string;
  apiRef: string;
  environment: ApimEnvironment;
  /** UTC day, YYYY-MM-DD. */
  day: string;
}

export interface UsageCounts {
  requests: number;
  status4xx: number;
  status5xx: number;
  rateLimited: number;
  /** One count per LATENCY_BUCKETS_MS entry, plus one for slower. */
  latencyBuckets: number[];
}

export type UsageRow = UsageKey & UsageCounts;

const { num } = columnValues;

function toRow(row: Record<string, any>): UsageRow {
  return {
    applicationId: row.application_id,
    apiRef: row.api_ref,
    environment: row.environment,
    day: row.day,
    requests: num(row.requests),
    status4xx: num(row.status_4xx),
    status5xx: num(row.status_5xx),
    rateLimited: num(row.rate_limited),
    latencyBuckets: JSON.parse(row.latency_buckets),
  };
}

/** Gateway usage per application, API, environment and day; batches and quota notices counted once. */
export interface UsageStore {
  claimBatch(batchId: string, at: number): Promise<boolean>;
  add(key: UsageKey, counts: UsageCounts): Promise<void>;
  requestsBetween(
    applicationId: string,
    apiRef: string,
    environment: ApimEnvironment,
    fromDay: string,
    toDay: string,
  ): Promise<number>;
  list(filter: {
    applicationId?: string;
    apiRef?: string;
    fromDay: string;
    toDay: string;
  }): Promise<UsageRow[]>;
  claimQuotaNotice(
    key: Omit<UsageKey, 'day'> & { period: string; threshold: number },
    at: number,
  ): Promise<boolean>;
  /** Names of these applications (deleted ones too: their usage stays), by id. */
  applicationNames(ids: string[]): Promise<Map<string, string>>;
}

export class KnexUsageStore implements UsageStore {
  constructor(private readonly db: KnexOrTransaction) {}

  /** Records a batch id; false when it was recorded before (a retry: count nothing). */
  async claimBatch(batchId: string, at: number): Promise<boolean> {
    const inserted = await this.db(USAGE_BATCHES)
      .insert({ batch_id: batchId, received_at: at })
      .onConflict('batch_id')
      .ignore()
      .returning('batch_id');
    // better-sqlite3 and pg both return the inserted rows; none when the conflict was ignored.
    return (inserted as unknown[]).length > 0;
  }

  /** Adds counts to a day's row, creating it. Run inside a transaction (read, then write). */
  async add(key: UsageKey, counts: UsageCounts): Promise<void> {
    const where = {
      application_id: key.applicationId,
      api_ref: key.apiRef,
      environment: key.environment,
      day: key.day,
    };
    const existing = await this.db(USAGE).where(where).forUpdate().first();
    if (!existing) {
      await this.db(USAGE).insert({
        ...where,
        requests: counts.requests,
        status_4xx: counts.status4xx,
        status_5xx: counts.status5xx,
        rate_limited: counts.rateLimited,
        latency_buckets: JSON.stringify(counts.latencyBuckets),
      });
      return;
    }
    const buckets: number[] = JSON.parse(existing.latency_buckets);
    await this.db(USAGE)
      .where(where)
      .update({
        requests: num(existing.requests) + counts.requests,
        status_4xx: num(existing.status_4xx) + counts.status4xx,
        status_5xx: num(existing.status_5xx) + counts.status5xx,
        rate_limited: num(existing.rate_limited) + counts.rateLimited,
        latency_buckets: JSON.stringify(
          counts.latencyBuckets.map((count, i) => count + (buckets[i] ?? 0)),
        ),
      });
  }

  /** Requests of an application on an API in one environment from `fromDay` to `toDay`, inclusive. */
  async requestsBetween(
    applicationId: string,
    apiRef: string,
    environment: ApimEnvironment,
    fromDay: string,
    toDay: string,
  ): Promise<number> {
    const [row] = await this.db(USAGE)
      .where({ application_id: applicationId, api_ref: apiRef, environment })
      .whereBetween('day', [fromDay, toDay])
      .sum({ total: 'requests' });
    return num((row as { total: unknown }).total ?? 0);
  }

  /** Days of one application (all its APIs), or of one API (all applications), in a range. */
  async list(filter: {
    applicationId?: string;
    apiRef?: string;
    fromDay: string;
    toDay: string;
  }): Promise<UsageRow[]> {
    const query = this.db(USAGE).whereBetween('day', [
      filter.fromDay,
      filter.toDay,
    ]);
    if (filter.applicationId)
      query.where('application_id', filter.applicationId);
    if (filter.apiRef) query.where('api_ref', filter.apiRef);
    // A year of days for one application's handful of APIs: bounded by the range the router allows.
    const rows = await query
      .orderBy(['day', 'api_ref', 'environment', 'application_id'])
      .limit(5000);
    return rows.map(toRow);
  }

  /** Records a quota notice; false when this threshold was already noticed this period. */
  async claimQuotaNotice(
    key: Omit<UsageKey, 'day'> & { period: string; threshold: number },
    at: number,
  ): Promise<boolean> {
    const inserted = await this.db(QUOTA_NOTICES)
      .insert({
        application_id: key.applicationId,
        api_ref: key.apiRef,
        environment: key.environment,
        period: key.period,
        threshold: key.threshold,
        sent_at: at,
      })
      .onConflict([
        'application_id',
        'api_ref',
        'environment',
        'period',
        'threshold',
      ])
      .ignore()
      .returning('sent_at');
    return (inserted as unknown[]).length > 0;
  }

  async applicationNames(ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db(APPLICATIONS)
        .whereIn('id', ids.slice(i, i + 500))
        .select('id', 'name');
      for (const row of rows) names.set(row.id, row.name);
    }
    return names;
  }
}

export function usageStore(db: Knex | Knex.Transaction): UsageStore {
  return new KnexUsageStore(db);
}
