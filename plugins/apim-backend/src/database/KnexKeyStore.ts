import type { ApimEnvironment, Plan } from '@portico/plugin-apim-common';
import { columnValues, KnexOrTransaction } from '@portico/portico-node';
import type {
  ApiKeyKind,
  ApiKeyRecord,
  KeyStore,
  KeyVerificationRecord,
} from './ApimStore';
import { SNAPSHOTS } from './KnexApiSnapshotStore';
import { preparedQuery } from './preparedQuery';
import { APPLICATIONS, KEYS, SUBSCRIPTIONS } from './tables';

const { num, optNum, optStr } = columnValues;

type Db = KnexOrTransaction;
type Row = Record<string, any>;

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

export class KnexKeyStore implements KeyStore {
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
