import type { Knex } from 'knex';
import type {
  ApiDetails,
  ApimEnvironment,
  Plan,
  SubscriptionState,
  SubscriptionTransition,
} from '@portico/plugin-apim-common';

/** Times are epoch milliseconds. */
export interface ApplicationRecord {
  id: string;
  name: string;
  description?: string;
  owner: string;
  environments: ApimEnvironment[];
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface SubscriptionRecord {
  id: string;
  applicationId: string;
  applicationName: string;
  applicationOwner: string;
  apiRef: string;
  plan: string;
  environment: ApimEnvironment;
  state: SubscriptionState;
  requestedBy: string;
  createdAt: number;
  updatedAt: number;
}

export type ApiKeyKind = 'user' | 'console';

export interface ApiKeyRecord {
  id: string;
  applicationId: string;
  environment: ApimEnvironment;
  kind: ApiKeyKind;
  /** Console keys: the one API (normalised ref) the key opens; user keys open every API. */
  apiRef?: string;
  keyHash: string;
  prefix: string;
  last4: string;
  createdBy: string;
  createdAt: number;
  expiresAt?: number;
  revokedAt?: number;
  revokedBy?: string;
  graceUntil?: number;
  replacedBy?: string;
  lastUsedAt?: number;
  expiryNoticeSentAt?: number;
}

/** What key verification reads, in one query. */
export interface KeyVerificationRecord {
  key: Pick<
    ApiKeyRecord,
    | 'id'
    | 'keyHash'
    | 'environment'
    | 'expiresAt'
    | 'revokedAt'
    | 'graceUntil'
    | 'apiRef'
  >;
  application: { id: string; name: string; owner: string; deleted: boolean };
  /** Active subscriptions of the application in the key's environment. */
  subscriptions: Array<{
    id: string;
    apiRef: string;
    plan: string;
    plans: Plan[];
  }>;
}

export interface ApiSnapshot {
  ref: string;
  hash: string;
  /** The event data last published for the API. */
  data: Record<string, unknown>;
  plans: Plan[];
}

/** One API of the projection: the snapshot plus what the API list shows and filters on. */
export interface ApiProjection extends ApiSnapshot {
  etag?: string;
  name: string;
  title?: string;
  description?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  tags: string[];
  version?: string;
  environments: ApimEnvironment[];
  plansError?: string;
  definitionError?: string;
  /**
   * What the API's page shows of its definition; read by `get` only (the list leaves the
   * column out). Absent on a row written before the column existed, until the sync reads it.
   */
  detail?: ApiDefinitionDetail;
}

/** The parsed definition as an API's page shows it. */
export type ApiDefinitionDetail = Pick<
  ApiDetails,
  'definitionType' | 'servers' | 'operations' | 'apiKey'
>;

export interface ListApisFilter {
  /** Lowercased substring of name, title or description. */
  search?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  tag?: string;
  limit: number;
  offset: number;
}

export interface ListApplicationsFilter {
  /** Only applications owned by one of these groups. */
  owners?: string[];
  limit: number;
  offset: number;
}

export interface ListSubscriptionsFilter {
  applicationId?: string;
  apiRef?: string;
  state?: SubscriptionState;
  requestedByNot?: string;
  /**
   * Rows the caller may see: owned by one of `applicationOwners` or about one of `apiRefs`.
   * Absent: every row (portal admins).
   */
  visibleTo?: { applicationOwners: string[]; apiRefs: string[] };
  /** Only subscriptions to these APIs (the caller's own APIs for "awaiting my decision"). */
  apiRefsIn?: string[];
  limit: number;
  offset: number;
}

export interface ApplicationStore {
  /** ConflictError when the owner already has a live application of that name. */
  insert(record: ApplicationRecord): Promise<void>;
  get(id: string): Promise<ApplicationRecord | undefined>;
  list(
    filter: ListApplicationsFilter,
  ): Promise<{ items: ApplicationRecord[]; totalCount: number }>;
  update(
    id: string,
    patch: {
      description?: string | null;
      environments?: ApimEnvironment[];
      updatedAt: number;
    },
  ): Promise<boolean>;
  /** False when it was already gone (a concurrent delete). */
  markDeleted(id: string, by: string, at: number): Promise<boolean>;
}

export interface SubscriptionStore {
  /** ConflictError when the application already has a live subscription to the API there. */
  insert(
    record: Omit<SubscriptionRecord, 'applicationName' | 'applicationOwner'>,
  ): Promise<void>;
  get(id: string): Promise<SubscriptionRecord | undefined>;
  /** The live (pending, active, suspended) subscription of an application to an API in one environment. */
  findLive(
    applicationId: string,
    apiRef: string,
    environment: ApimEnvironment,
  ): Promise<SubscriptionRecord | undefined>;
  list(
    filter: ListSubscriptionsFilter,
  ): Promise<{ items: SubscriptionRecord[]; totalCount: number }>;
  liveForApplication(applicationId: string): Promise<SubscriptionRecord[]>;
  /**
   * Moves a subscription from `expected` to `to` only if it is still in `expected`: of two
   * concurrent decisions, exactly one changes the row.
   */
  transition(
    id: string,
    expected: SubscriptionState,
    to: SubscriptionState,
    at: number,
  ): Promise<boolean>;
  addHistory(
    subscriptionId: string,
    entry: {
      from: SubscriptionState | null;
      to: SubscriptionState;
      actor: string;
      comment?: string;
      at: number;
    },
  ): Promise<void>;
  history(
    subscriptionIds: string[],
  ): Promise<Map<string, SubscriptionTransition[]>>;
  countActiveByApi(apiRefs: string[]): Promise<Map<string, number>>;
}

export interface KeyStore {
  insert(record: ApiKeyRecord): Promise<void>;
  get(id: string): Promise<ApiKeyRecord | undefined>;
  listForApplication(
    applicationId: string,
    kind: ApiKeyKind,
  ): Promise<ApiKeyRecord[]>;
  /** Marks a usable key as replaced; false if it was revoked, replaced or expired meanwhile. */
  markRotated(
    id: string,
    change: { replacedBy: string; graceUntil: number; now: number },
  ): Promise<boolean>;
  /** False when it was already revoked. */
  revoke(id: string, by: string, at: number): Promise<boolean>;
  /** Revokes every key of the application not yet revoked; returns their ids. */
  /** Revokes the live keys of the application in those environments; returns their ids. */
  revokeForEnvironments(
    applicationId: string,
    environments: ApimEnvironment[],
    by: string,
    at: number,
  ): Promise<string[]>;
  revokeAllForApplication(
    applicationId: string,
    by: string,
    at: number,
  ): Promise<string[]>;
  findForVerification(
    keyHash: string,
  ): Promise<KeyVerificationRecord | undefined>;
  /** Records last use, never moving it backwards. */
  recordUsage(usage: Map<string, number>): Promise<void>;
  /** User keys still in use that expire in (now, until] and whose owners were not told yet. */
  dueForExpiryNotice(now: number, until: number): Promise<ApiKeyRecord[]>;
  /** Claims the notice for one key (once per key, across replicas). */
  claimExpiryNotice(id: string, at: number): Promise<boolean>;
  releaseExpiryNotice(id: string): Promise<void>;
  /** Deletes console keys that expired before `before`. */
  deleteExpiredConsoleKeys(before: number): Promise<number>;
}

export interface ApiSnapshotStore {
  all(): Promise<ApiSnapshot[]>;
  /** One API of the projection (refs lowercased). */
  get(ref: string): Promise<ApiProjection | undefined>;
  /** The etags last read for these refs; a ref without a row is absent. */
  etags(refs: string[]): Promise<Map<string, string | undefined>>;
  /** Hash and event data last written for these refs; a ref without a row is absent. */
  snapshots(
    refs: string[],
  ): Promise<Map<string, Pick<ApiSnapshot, 'hash' | 'data'>>>;
  upsert(snapshot: ApiProjection, at: number): Promise<void>;
  /** Writes many rows with a few statements (the sync writes a catalog page at once). */
  upsertMany(snapshots: ApiProjection[], at: number): Promise<void>;
  delete(ref: string): Promise<void>;
  deleteMany(refs: string[]): Promise<void>;
  /** Refs in order after `after` (keyset paging), for the sync's sweep of deleted APIs. */
  refsAfter(after: string | undefined, limit: number): Promise<string[]>;
  /** A page of the projection, ordered by ref, with the count of all matching rows. */
  list(
    filter: ListApisFilter,
  ): Promise<{ items: ApiProjection[]; totalCount: number }>;
  /** Refs of the APIs owned by any of these (lowercased) refs. */
  refsOwnedBy(owners: string[]): Promise<string[]>;
}

export interface ApimStores {
  applications: ApplicationStore;
  subscriptions: SubscriptionStore;
  keys: KeyStore;
  apiSnapshots: ApiSnapshotStore;
}

/** The stores, and a way to use them in one transaction (with the outbox write). */
export interface ApimDatabase extends ApimStores {
  transaction<T>(
    fn: (tx: ApimStores & { trx: Knex.Transaction }) => Promise<T>,
  ): Promise<T>;
}
