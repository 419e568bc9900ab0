import type { Knex } from 'knex';
import {
  columnValues,
  countOf,
  KnexApprovalStore,
  KnexOrTransaction,
  migratePluginDatabase,
  PluginDatabase,
} from '@portico/portico-node';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type {
  ApprovalRecord,
  AttemptRecord,
  AttemptStore,
  ListPromotionsFilter,
  PromotionDatabase,
  PromotionRecord,
  PromotionStore,
  PromotionStores,
  TransitionRecord,
} from './PromotionStore';

export const REQUESTS = 'promotion_requests';
export const TRANSITIONS = 'promotion_transitions';
export const APPROVALS = 'promotion_approvals';
export const ATTEMPTS = 'promotion_deployment_attempts';

const PACKAGE_NAME = '@portico/plugin-promotions-backend';
export const PROMOTIONS_MIGRATIONS_DIR = resolvePackagePath(
  PACKAGE_NAME,
  'migrations',
);

type Db = KnexOrTransaction;
type Row = Record<string, any>;

const { num, optNum, optStr } = columnValues;

function toRequest(row: Row): PromotionRecord {
  const start = optNum(row.change_window_start);
  const end = optNum(row.change_window_end);
  return {
    id: row.id,
    componentRef: row.component_ref,
    componentTitle: optStr(row.component_title),
    tenant: row.tenant,
    version: row.version,
    gitRef: optStr(row.git_ref),
    fromEnvironment: row.from_env,
    toEnvironment: row.to_env,
    justification: row.justification,
    rollbackPlan: row.rollback_plan,
    changeWindow:
      start !== undefined && end !== undefined ? { start, end } : undefined,
    state: row.state,
    requestedBy: row.requested_by,
    requiredApprovals: num(row.required_approvals),
    revision: num(row.revision),
    approvedAt: optNum(row.approved_at),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

function toAttempt(row: Row): AttemptRecord {
  return {
    id: row.id,
    requestId: row.request_id,
    number: num(row.number),
    executor: row.executor,
    status: row.status,
    taskId: optStr(row.task_id),
    externalId: optStr(row.external_id),
    logsUrl: optStr(row.logs_url),
    message: optStr(row.message),
    requestedBy: row.requested_by,
    createdAt: num(row.created_at),
    startedAt: optNum(row.started_at),
    finishedAt: optNum(row.finished_at),
  };
}

class KnexPromotionStore implements PromotionStore {
  constructor(private readonly db: Db) {}

  async insert(record: PromotionRecord): Promise<void> {
    await this.db(REQUESTS).insert({
      id: record.id,
      component_ref: record.componentRef,
      component_title: record.componentTitle ?? null,
      tenant: record.tenant,
      version: record.version,
      git_ref: record.gitRef ?? null,
      from_env: record.fromEnvironment,
      to_env: record.toEnvironment,
      justification: record.justification,
      rollback_plan: record.rollbackPlan,
      change_window_start: record.changeWindow?.start ?? null,
      change_window_end: record.changeWindow?.end ?? null,
      state: record.state,
      requested_by: record.requestedBy,
      required_approvals: record.requiredApprovals,
      revision: record.revision,
      approved_at: record.approvedAt ?? null,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
    });
  }

  async get(id: string) {
    const row = await this.db(REQUESTS).where({ id }).first();
    return row ? toRequest(row) : undefined;
  }

  private filtered(
    filter: Omit<ListPromotionsFilter, 'limit' | 'offset'>,
  ): Knex.QueryBuilder {
    const query = this.db(REQUESTS);
    if (filter.state) query.where('state', filter.state);
    if (filter.componentRef) query.where('component_ref', filter.componentRef);
    if (filter.tenant) query.where('tenant', filter.tenant);
    if (filter.requestedBy) query.where('requested_by', filter.requestedBy);
    const awaiting = filter.awaitingApprovalBy;
    if (awaiting) {
      query.where('state', 'PENDING').whereNot('requested_by', awaiting.user);
      if (awaiting.tenants) query.whereIn('tenant', awaiting.tenants);
      query.whereNotExists(
        this.db(APPROVALS)
          .select('approver')
          .whereRaw(`${APPROVALS}.request_id = ${REQUESTS}.id`)
          .where('approver', awaiting.user),
      );
    }
    return query;
  }

  async list(filter: ListPromotionsFilter) {
    const query = this.filtered(filter);
    const [rows, totalCount] = await Promise.all([
      query
        .clone()
        .select('*')
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset),
      countOf(query),
    ]);
    return { items: rows.map(toRequest), totalCount };
  }

  async count(filter: Omit<ListPromotionsFilter, 'limit' | 'offset'>) {
    return countOf(this.filtered(filter));
  }


  async update(
    id: string,
    expectedRevision: number,
    patch: { state: PromotionRecord['state']; at: number; approvedAt?: number },
  ) {
    const count = await this.db(REQUESTS)
      .where({ id, revision: expectedRevision })
      .update({
        state: patch.state,
        revision: expectedRevision + 1,
        updated_at: patch.at,
        ...(patch.approvedAt !== undefined
          ? { approved_at: patch.approvedAt }
          : {}),
      });
    return count > 0;
  }

  async addTransition(requestId: string, entry: TransitionRecord) {
    await this.db(TRANSITIONS).insert({
      request_id: requestId,
      action: entry.action,
      from_state: entry.from,
      to_state: entry.to,
      actor: entry.actor,
      comment: entry.comment ?? null,
      at: entry.at,
    });
  }

  async timeline(requestId: string): Promise<TransitionRecord[]> {
    const rows = await this.db(TRANSITIONS)
      .where({ request_id: requestId })
      .orderBy('seq');
    return rows.map(row => ({
      action: row.action,
      from: row.from_state ?? null,
      to: row.to_state,
      actor: row.actor,
      comment: optStr(row.comment),
      at: num(row.at),
    }));
  }

  /** The shared approvals table shape (portico-node's approval rule), keyed by request_id. */
  private get approvalStore(): KnexApprovalStore {
    return new KnexApprovalStore(this.db, { table: APPROVALS, subjectColumn: 'request_id' });
  }

  async addApproval(requestId: string, approval: ApprovalRecord) {
    await this.approvalStore.add(requestId, approval);
  }

  async approvals(requestIds: string[]) {
    return this.approvalStore.forSubjects(requestIds);
  }

  async hasDeployed(
    componentRef: string,
    version: string,
    environment: string,
    exceptId: string,
  ) {
    const row = await this.db(REQUESTS)
      .where({
        component_ref: componentRef,
        version,
        to_env: environment,
        state: 'DEPLOYED',
      })
      .whereNot('id', exceptId)
      .first('id');
    return Boolean(row);
  }
}

class KnexAttemptStore implements AttemptStore {
  constructor(private readonly db: Db) {}

  async insert(record: AttemptRecord) {
    await this.db(ATTEMPTS).insert({
      id: record.id,
      request_id: record.requestId,
      number: record.number,
      executor: record.executor,
      status: record.status,
      task_id: record.taskId ?? null,
      external_id: record.externalId ?? null,
      logs_url: record.logsUrl ?? null,
      message: record.message ?? null,
      requested_by: record.requestedBy,
      created_at: record.createdAt,
      started_at: record.startedAt ?? null,
      finished_at: record.finishedAt ?? null,
    });
  }

  async get(id: string) {
    const row = await this.db(ATTEMPTS).where({ id }).first();
    return row ? toAttempt(row) : undefined;
  }

  async forRequest(requestId: string) {
    const rows = await this.db(ATTEMPTS)
      .where({ request_id: requestId })
      .orderBy('number');
    return rows.map(toAttempt);
  }

  async unfinished(limit: number) {
    const rows = await this.db(ATTEMPTS)
      .whereIn('status', ['requested', 'running'])
      .orderBy('created_at')
      .limit(limit);
    return rows.map(toAttempt);
  }

  async bindTask(id: string, taskId: string) {
    const count = await this.db(ATTEMPTS)
      .where({ id })
      .whereNull('task_id')
      .whereIn('status', ['requested', 'running'])
      .update({ task_id: taskId });
    return count > 0;
  }

  async update(
    id: string,
    expected: AttemptRecord['status'],
    patch: Parameters<AttemptStore['update']>[2],
  ) {
    const columns: Row = {};
    if (patch.status !== undefined) columns.status = patch.status;
    if (patch.taskId !== undefined) columns.task_id = patch.taskId;
    if (patch.externalId !== undefined) columns.external_id = patch.externalId;
    if (patch.logsUrl !== undefined) columns.logs_url = patch.logsUrl;
    if (patch.message !== undefined) columns.message = patch.message;
    if (patch.startedAt !== undefined) columns.started_at = patch.startedAt;
    if (patch.finishedAt !== undefined) columns.finished_at = patch.finishedAt;
    const count = await this.db(ATTEMPTS)
      .where({ id, status: expected })
      .update(columns);
    return count > 0;
  }
}

function storesOn(db: Db): PromotionStores {
  return {
    requests: new KnexPromotionStore(db),
    attempts: new KnexAttemptStore(db),
  };
}

export class KnexPromotionDatabase
  extends PluginDatabase<PromotionStores>
  implements PromotionDatabase
{
  declare readonly requests: PromotionStore;
  declare readonly attempts: AttemptStore;

  static async create(options: {
    knex: Knex;
    skipMigrations?: boolean;
  }): Promise<KnexPromotionDatabase> {
    await migratePluginDatabase(options.knex, {
      packageName: PACKAGE_NAME,
      skipMigrations: options.skipMigrations,
    });
    return new KnexPromotionDatabase(options.knex);
  }

  constructor(knex: Knex) {
    super(knex, storesOn);
  }
}
