import type { Knex } from 'knex';
import {
  columnValues,
  countOf,
  KnexOrTransaction,
  migratePluginDatabase,
  PluginDatabase,
} from '@portico/portico-node';
import {
  isDatabaseConflictError,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  ApimEnvironment,
  Plan,
  SubscriptionState,
  SubscriptionTransition,
} from '@portico/plugin-apim-common';
import { preparedQuery } from './preparedQuery';
import { KnexApiSnapshotStore, SNAPSHOTS } from './KnexApiSnapshotStore';
import type {
  ApiKeyKind,
  ApiKeyRecord,
  ApimDatabase,
  ApimStores,
  ApiSnapshotStore,
  ApplicationRecord,
  ApplicationStore,
  KeyStore,
  KeyVerificationRecord,
  ListApplicationsFilter,
  ListSubscriptionsFilter,
  SubscriptionRecord,
  SubscriptionStore,
} from './ApimStore';

export const APPLICATIONS = 'apim_applications';
export const SUBSCRIPTIONS = 'apim_subscriptions';
export const HISTORY = 'apim_subscription_history';
export const KEYS = 'apim_api_keys';

const LIVE_STATES: SubscriptionState[] = ['pending', 'active', 'suspended'];

type Db = KnexOrTransaction;
type Row = Record<string, any>;

const { num, optNum, optStr } = columnValues;

function toApplication(row: Row): ApplicationRecord {
  return {
    id: row.id,
    name: row.name,
    description: optStr(row.description),
    owner: row.owner,
    environments: JSON.parse(row.environments),
    createdBy: row.created_by,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

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

function toKey(row: Row): ApiKeyRecord {
  return {
    id: row.id,
    applicationId: row.application_id,
    environment: row.environment,
    kind: row.kind,
    apiRef: optStr(row.api_ref),
    keyHash: row.key_hash,
    prefix: row.prefix,
    last4: row.last4,
    createdBy: row.created_by,
    createdAt: num(row.created_at),
    expiresAt: optNum(row.expires_at),
    revokedAt: optNum(row.revoked_at),
    revokedBy: optStr(row.revoked_by),
    graceUntil: optNum(row.grace_until),
    replacedBy: optStr(row.replaced_by),
    lastUsedAt: optNum(row.last_used_at),
    expiryNoticeSentAt: optNum(row.expiry_notice_sent_at),
  };
}

class KnexApplicationStore implements ApplicationStore {
  constructor(private readonly db: Db) {}

  async insert(record: ApplicationRecord): Promise<void> {
    try {
      await this.db(APPLICATIONS).insert({
        id: record.id,
        name: record.name,
        description: record.description ?? null,
        owner: record.owner,
        environments: JSON.stringify(record.environments),
        created_by: record.createdBy,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(
          `name: ${record.owner} already has an application named '${record.name}'`,
        );
      }
      throw error;
    }
  }

  async get(id: string): Promise<ApplicationRecord | undefined> {
    const row = await this.db(APPLICATIONS)
      .where({ id })
      .whereNull('deleted_at')
      .first();
    return row ? toApplication(row) : undefined;
  }

  async list(filter: ListApplicationsFilter) {
    const query = this.db(APPLICATIONS).whereNull('deleted_at');
    if (filter.owners) query.whereIn('owner', filter.owners);
    const [totalCount, rows] = await Promise.all([
      countOf(query),
      query
        .clone()
        .orderBy([{ column: 'name' }, { column: 'id' }])
        .limit(filter.limit)
        .offset(filter.offset),
    ]);
    return { items: rows.map(toApplication), totalCount };
  }

  async update(
    id: string,
    patch: {
      description?: string | null;
      environments?: ApimEnvironment[];
      updatedAt: number;
    },
  ): Promise<boolean> {
    const changes: Row = { updated_at: patch.updatedAt };
    if (patch.description !== undefined)
      changes.description = patch.description;
    if (patch.environments)
      changes.environments = JSON.stringify(patch.environments);
    const count = await this.db(APPLICATIONS)
      .where({ id })
      .whereNull('deleted_at')
      .update(changes);
    return count > 0;
  }

  async markDeleted(id: string, by: string, at: number): Promise<boolean> {
    const count = await this.db(APPLICATIONS)
      .where({ id })
      .whereNull('deleted_at')
      .update({ deleted_at: at, deleted_by: by, updated_at: at });
    return count > 0;
  }
}

class KnexSubscriptionStore implements SubscriptionStore {
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
    const query = this.select();
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
    const [totalCount, rows] = await Promise.all([
      countOf(query),
      query
        .clone()
        .orderBy([
          { column: 's.created_at', order: 'desc' },
          { column: 's.id' },
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
const VERIFY_SQL = `
  select k.id as key_id, k.key_hash, k.environment, k.expires_at, k.revoked_at, k.grace_until, k.api_ref as key_api_ref,
         a.id as application_id, a.name as application_name, a.owner as application_owner, a.deleted_at,
         s.id as subscription_id, s.api_ref, s.plan, p.plans
    from ${KEYS} k
    join ${APPLICATIONS} a on a.id = k.application_id
    left join ${SUBSCRIPTIONS} s
      on s.application_id = k.application_id and s.environment = k.environment and s.state = 'active'
     and (k.api_ref is null or s.api_ref = k.api_ref)
    left join ${SNAPSHOTS} p on p.ref = s.api_ref
   where k.key_hash = ?`;
const VERIFY_STATEMENT = 'apim_key_verification_v2';

class KnexKeyStore implements KeyStore {
  constructor(private readonly db: Db) {}

  private verificationRows(keyHash: string): Promise<Row[]> {
    return preparedQuery(this.db, VERIFY_STATEMENT, VERIFY_SQL, [keyHash]);
  }

  async insert(record: ApiKeyRecord): Promise<void> {
    await this.db(KEYS).insert({
      id: record.id,
      application_id: record.applicationId,
      environment: record.environment,
      kind: record.kind,
      api_ref: record.apiRef ?? null,
      key_hash: record.keyHash,
      prefix: record.prefix,
      last4: record.last4,
      created_by: record.createdBy,
      created_at: record.createdAt,
      expires_at: record.expiresAt ?? null,
      revoked_at: record.revokedAt ?? null,
      revoked_by: record.revokedBy ?? null,
      grace_until: record.graceUntil ?? null,
      replaced_by: record.replacedBy ?? null,
      last_used_at: record.lastUsedAt ?? null,
      expiry_notice_sent_at: record.expiryNoticeSentAt ?? null,
    });
  }

  async get(id: string) {
    const row = await this.db(KEYS).where({ id }).first();
    return row ? toKey(row) : undefined;
  }

  async listForApplication(applicationId: string, kind: ApiKeyKind) {
    const rows = await this.db(KEYS)
      .where({ application_id: applicationId, kind })
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]);
    return rows.map(toKey);
  }

  async markRotated(
    id: string,
    change: { replacedBy: string; graceUntil: number; now: number },
  ) {
    const count = await this.db(KEYS)
      .where({ id })
      .whereNull('revoked_at')
      .whereNull('replaced_by')
      .where(q =>
        q.whereNull('expires_at').orWhere('expires_at', '>', change.now),
      )
      .update({
        replaced_by: change.replacedBy,
        grace_until: change.graceUntil,
      });
    return count > 0;
  }

  async revoke(id: string, by: string, at: number) {
    const count = await this.db(KEYS)
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_at: at, revoked_by: by });
    return count > 0;
  }

  async revokeForEnvironments(
    applicationId: string,
    environments: ApimEnvironment[],
    by: string,
    at: number,
  ) {
    if (environments.length === 0) return [];
    const ids: string[] = (
      await this.db(KEYS)
        .where({ application_id: applicationId })
        .whereIn('environment', environments)
        .whereNull('revoked_at')
        .select('id')
    ).map((row: Row) => row.id);
    if (ids.length > 0) {
      await this.db(KEYS)
        .whereIn('id', ids)
        .whereNull('revoked_at')
        .update({ revoked_at: at, revoked_by: by });
    }
    return ids;
  }

  async revokeAllForApplication(applicationId: string, by: string, at: number) {
    const ids: string[] = (
      await this.db(KEYS)
        .where({ application_id: applicationId })
        .whereNull('revoked_at')
        .select('id')
    ).map((row: Row) => row.id);
    if (ids.length > 0) {
      await this.db(KEYS)
        .whereIn('id', ids)
        .whereNull('revoked_at')
        .update({ revoked_at: at, revoked_by: by });
    }
    return ids;
  }

  async findForVerification(
    keyHash: string,
  ): Promise<KeyVerificationRecord | undefined> {
    const rows = await this.verificationRows(keyHash);
    if (rows.length === 0) return undefined;
    const first = rows[0];
    return {
      key: {
        id: first.key_id,
        keyHash: first.key_hash,
        environment: first.environment,
        expiresAt: optNum(first.expires_at),
        revokedAt: optNum(first.revoked_at),
        graceUntil: optNum(first.grace_until),
        apiRef: optStr(first.key_api_ref),
      },
      application: {
        id: first.application_id,
        name: first.application_name,
        owner: first.application_owner,
        deleted: first.deleted_at !== null && first.deleted_at !== undefined,
      },
      subscriptions: rows
        .filter(row => row.subscription_id)
        .map(row => ({
          id: row.subscription_id,
          apiRef: row.api_ref,
          plan: row.plan,
          plans: row.plans ? (JSON.parse(row.plans) as Plan[]) : [],
        })),
    };
  }

  async recordUsage(usage: Map<string, number>) {
    for (const [id, at] of usage) {
      await this.db(KEYS)
        .where({ id })
        .where(q =>
          q.whereNull('last_used_at').orWhere('last_used_at', '<', at),
        )
        .update({ last_used_at: at });
    }
  }

  async dueForExpiryNotice(now: number, until: number) {
    const rows = await this.db(KEYS)
      .where({ kind: 'user' })
      .where('expires_at', '>', now)
      .where('expires_at', '<=', until)
      .whereNull('revoked_at')
      .whereNull('replaced_by')
      .whereNull('expiry_notice_sent_at')
      .orderBy('expires_at');
    return rows.map(toKey);
  }

  async claimExpiryNotice(id: string, at: number) {
    const count = await this.db(KEYS)
      .where({ id })
      .whereNull('expiry_notice_sent_at')
      .update({ expiry_notice_sent_at: at });
    return count > 0;
  }

  async releaseExpiryNotice(id: string) {
    await this.db(KEYS).where({ id }).update({ expiry_notice_sent_at: null });
  }

  async deleteExpiredConsoleKeys(before: number) {
    return this.db(KEYS)
      .where({ kind: 'console' })
      .where('expires_at', '<', before)
      .delete();
  }
}

function storesOn(db: Db): ApimStores {
  return {
    applications: new KnexApplicationStore(db),
    subscriptions: new KnexSubscriptionStore(db),
    keys: new KnexKeyStore(db),
    apiSnapshots: new KnexApiSnapshotStore(db),
  };
}

const PACKAGE_NAME = '@portico/plugin-apim-backend';
export const APIM_MIGRATIONS_DIR = resolvePackagePath(
  PACKAGE_NAME,
  'migrations',
);

export class KnexApimDatabase
  extends PluginDatabase<ApimStores>
  implements ApimDatabase
{
  declare readonly applications: ApplicationStore;
  declare readonly subscriptions: SubscriptionStore;
  declare readonly keys: KeyStore;
  declare readonly apiSnapshots: ApiSnapshotStore;

  static async create(options: {
    knex: Knex;
    skipMigrations?: boolean;
  }): Promise<KnexApimDatabase> {
    await migratePluginDatabase(options.knex, {
      packageName: PACKAGE_NAME,
      skipMigrations: options.skipMigrations,
    });
    return new KnexApimDatabase(options.knex);
  }

  constructor(knex: Knex) {
    super(knex, storesOn);
  }
}
