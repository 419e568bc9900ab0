import type { Knex } from 'knex';
import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  ApimEnvironment,
  SubscriptionState,
  SubscriptionTransition,
} from '@portico/plugin-apim-common';
import {
  columnValues,
  countOf,
  KnexOrTransaction,
} from '@portico/portico-node';
import type {
  ListSubscriptionsFilter,
  SubscriptionRecord,
  SubscriptionStore,
} from './ApimStore';
import { APPLICATIONS, HISTORY, SUBSCRIPTIONS } from './tables';

const LIVE_STATES: SubscriptionState[] = ['pending', 'active', 'suspended'];

const { num } = columnValues;

type Db = KnexOrTransaction;
type Row = Record<string, any>;

function toSubscription(row: Row): SubscriptionRecord {
  return {
    id: row.id,
    applicationId: row.application_id,
    applicationName: row.application_name,
    applicationOwner: row.application_owner,
    apiRef: row.api_ref,
    plan: row.plan,
    environment: row.environment,
    state: row.state,
    requestedBy: row.requested_by,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

export class KnexSubscriptionStore implements SubscriptionStore {
  constructor(private readonly db: Db) {}

  private select() {
    return this.db(`${SUBSCRIPTIONS} as s`)
      .join(`${APPLICATIONS} as a`, 'a.id', 's.application_id')
      .select(
        's.*',
        'a.name as application_name',
        'a.owner as application_owner',
      );
  }

  async insert(
    record: Omit<SubscriptionRecord, 'applicationName' | 'applicationOwner'>,
  ): Promise<void> {
    try {
      await this.db(SUBSCRIPTIONS).insert({
        id: record.id,
        application_id: record.applicationId,
        api_ref: record.apiRef,
        plan: record.plan,
        environment: record.environment,
        state: record.state,
        requested_by: record.requestedBy,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(
          `The application already has a live subscription to ${record.apiRef} in ${record.environment}`,
        );
      }
      throw error;
    }
  }

  async get(id: string): Promise<SubscriptionRecord | undefined> {
    const row = await this.select().where('s.id', id).first();
    return row ? toSubscription(row) : undefined;
  }

  async findLive(
    applicationId: string,
    apiRef: string,
    environment: ApimEnvironment,
  ) {
    const row = await this.select()
      .where({
        's.application_id': applicationId,
        's.api_ref': apiRef,
        's.environment': environment,
      })
      .whereIn('s.state', LIVE_STATES)
      .first();
    return row ? toSubscription(row) : undefined;
  }

  async list(filter: ListSubscriptionsFilter) {
    // The filters on the subscription alone; the application is joined for the page, and for
    // the count only when visibility is by the application's owner (a company's 100,000
    // subscriptions are counted from an index, not a join).
    const where = (query: Knex.QueryBuilder) => {
      if (filter.applicationId)
        query.where('s.application_id', filter.applicationId);
      if (filter.apiRef) query.where('s.api_ref', filter.apiRef);
      if (filter.state) query.where('s.state', filter.state);
      if (filter.requestedByNot)
        query.whereNot('s.requested_by', filter.requestedByNot);
      if (filter.apiRefsIn) query.whereIn('s.api_ref', filter.apiRefsIn);
      const visibleTo = filter.visibleTo;
      if (visibleTo) {
        query.where(q =>
          q
            .whereIn('a.owner', visibleTo.applicationOwners)
            .orWhereIn('s.api_ref', visibleTo.apiRefs),
        );
      }
      return query;
    };
    const counted = this.db(`${SUBSCRIPTIONS} as s`);
    if (filter.visibleTo)
      counted.join(`${APPLICATIONS} as a`, 'a.id', 's.application_id');
    const [totalCount, rows] = await Promise.all([
      countOf(where(counted)),
      // Newest first, read backwards along the (created_at, id) index.
      where(this.select())
        .orderBy([
          { column: 's.created_at', order: 'desc' },
          { column: 's.id', order: 'desc' },
        ])
        .limit(filter.limit)
        .offset(filter.offset),
    ]);
    return { items: rows.map(toSubscription), totalCount };
  }

  async liveForApplication(applicationId: string) {
    const rows = await this.select()
      .where('s.application_id', applicationId)
      .whereIn('s.state', LIVE_STATES)
      .orderBy('s.created_at');
    return rows.map(toSubscription);
  }

  async transition(
    id: string,
    expected: SubscriptionState,
    to: SubscriptionState,
    at: number,
  ) {
    const count = await this.db(SUBSCRIPTIONS)
      .where({ id, state: expected })
      .update({ state: to, updated_at: at });
    return count > 0;
  }

  async addHistory(
    subscriptionId: string,
    entry: {
      from: SubscriptionState | null;
      to: SubscriptionState;
      actor: string;
      comment?: string;
      at: number;
    },
  ) {
    await this.db(HISTORY).insert({
      subscription_id: subscriptionId,
      from_state: entry.from,
      to_state: entry.to,
      actor: entry.actor,
      comment: entry.comment ?? null,
      at: entry.at,
    });
  }

  async history(subscriptionIds: string[]) {
    const result = new Map<string, SubscriptionTransition[]>();
    if (subscriptionIds.length === 0) return result;
    const rows = await this.db(HISTORY)
      .whereIn('subscription_id', subscriptionIds)
      .orderBy('seq');
    for (const row of rows) {
      const list = result.get(row.subscription_id) ?? [];
      list.push({
        from: row.from_state ?? null,
        to: row.to_state,
        actor: row.actor,
        ...(row.comment ? { comment: row.comment } : {}),
        at: new Date(num(row.at)).toISOString(),
      });
      result.set(row.subscription_id, list);
    }
    return result;
  }

  async countActiveByApi(apiRefs: string[]) {
    const result = new Map<string, number>();
    if (apiRefs.length === 0) return result;
    const rows = await this.db(SUBSCRIPTIONS)
      .whereIn('api_ref', apiRefs)
      .where('state', 'active')
      .groupBy('api_ref')
      .select('api_ref')
      .count({ count: '*' });
    for (const row of rows as Row[]) result.set(row.api_ref, Number(row.count));
    return result;
  }
}

/**
 * Key verification in one round trip: the key, its application, and the application's
 * active subscriptions in the key's environment with the plans last read from the catalog.
 * Written once as SQL and run as a prepared statement: gateways verify on every request.
 */
