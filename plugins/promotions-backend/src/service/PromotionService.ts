import { randomUUID } from 'crypto';
import type { Knex } from 'knex';
import type { AuditorService, BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type CreatePromotionRequest,
  type DeploymentReport,
  type ListPromotionsQuery,
  type Page,
  type PromotionAction,
  type PromotionRequest,
  type PromotionRequestDetails,
  type PromotionSettingsView,
  type PromotionUserAction,
  createPromotionSchema,
  PLATFORM_APPROVER_GROUP,
  tenantApproverGroup,
  describeZodError,
  promotionsRequestApprovePermission,
  promotionsRequestCreatePermission,
  promotionsRequestReadPermission,
  promotionsRequestRejectPermission,
  promotionsRequestRetryPermission,
  TENANT_ANNOTATION,
} from '@portico/plugin-promotions-common';
import type { PorticoEventInput, PorticoEvent } from '@portico/plugin-portico-common';
import {
  ApprovalRule,
  type ApprovalSubject,
  type ApproverSet,
  NamedServiceCallers,
} from '@portico/portico-node';
import type { Request } from 'express';
import type { PromotionSettings } from '../config';
import type {
  ApprovalRecord,
  AttemptRecord,
  PromotionDatabase,
  PromotionRecord,
  PromotionStores,
} from '../database/PromotionStore';
import type { Caller } from './access';
import type { EvidenceService } from './gates/EvidenceService';
import { transitionFor } from './stateMachine';
import { normalizeComponentRef } from './refs';
import { eventData, toAttemptView, toRequestView, toTransitionView } from './views';

/** Writes domain events into the outbox inside the caller's transaction (PorticoEvents.publish). */
export interface EventPublisher {
  publish(trx: Knex.Transaction, ...events: PorticoEventInput[]): Promise<PorticoEvent[]>;
}

/** The actor of what the promotions plugin does on its own (deploy after approval, timeouts, the follower). */
export const SYSTEM_ACTOR = 'system:promotions';

type Tx = PromotionStores & { trx: Knex.Transaction };

interface AuditEntry {
  requestId: string;
  action: PromotionAction;
  from: string | null;
  to: string;
  actor: string;
}

const TENANT = /^[a-z0-9-]{1,63}$/;

const PROMOTION_KIND = 'promotion request';

/**
 * Promotion requests. Every rule is enforced here, whatever the path that calls (REST, the
 * scaffolder action, a retry, an executor's report): the tenant roles, "never your own
 * request", the number of distinct approvers, the state machine, and exactly one winner among
 * concurrent changes (each change applies only to the revision it read).
 */
export class PromotionService {
  constructor(
    private readonly options: {
      db: PromotionDatabase;
      events: EventPublisher;
      catalog: CatalogService;
      evidence: EvidenceService;
      auditor: AuditorService;
      logger: LoggerService;
      settings: PromotionSettings;
      clock?: () => number;
    },
  ) {
    this.rule = new ApprovalRule({ auditor: options.auditor });
    const targets = [...options.settings.targets.values()];
    for (const target of targets) {
      this.executors.set(
        target.environment,
        new NamedServiceCallers({ subjects: target.executorSubjects, configKey: target.executorSubjectsKey, auditor: options.auditor }),
      );
    }
    this.anyExecutor = new NamedServiceCallers({
      subjects: [...new Set(targets.flatMap(t => t.executorSubjects))],
      configKey: targets.map(t => t.executorSubjectsKey).join("', '"),
      auditor: options.auditor,
    });
  }

  private readonly rule: ApprovalRule;
  /** Who may report deployments, per target environment. */
  private readonly executors = new Map<string, NamedServiceCallers>();
  private readonly anyExecutor: NamedServiceCallers;

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  settingsView(): PromotionSettingsView {
    const { environments, targets } = this.options.settings;
    return {
      environments,
      targets: [...targets.values()].map(t => ({
        environment: t.environment,
        requiredApprovals: t.requiredApprovals,
        executor: t.executor,
      })),
    };
  }

  async create(caller: Caller, body: CreatePromotionRequest): Promise<PromotionRequestDetails> {
    caller.require(promotionsRequestCreatePermission);
    // The scaffolder action and other callers may skip the router's parsing: parse again here.
    const parsed = createPromotionSchema.safeParse(body);
    if (!parsed.success) throw new InputError(describeZodError(parsed.error));
    const input = parsed.data;
    const { fromEnvironment, toEnvironment } = this.route(input.fromEnvironment, input.toEnvironment);
    const entity = await this.component(caller, input.componentRef);
    const tenant = await this.tenantOf(caller, entity);
    if (!caller.mayRequestFor(tenant)) {
      throw new NotAllowedError(
        `Only DevOps or approvers of tenant '${tenant}' can request promotions of ${stringifyEntityRef(entity)}`,
      );
    }
    const now = this.now();
    const target = this.options.settings.targets.get(toEnvironment)!;
    const record: PromotionRecord = {
      id: randomUUID(),
      componentRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      componentTitle: entity.metadata.title,
      tenant,
      version: input.version,
      gitRef: input.gitRef,
      fromEnvironment,
      toEnvironment,
      justification: input.justification,
      rollbackPlan: input.rollbackPlan,
      changeWindow: input.changeWindow
        ? { start: Date.parse(input.changeWindow.start), end: Date.parse(input.changeWindow.end) }
        : undefined,
      state: 'PENDING',
      requestedBy: caller.userRef,
      requiredApprovals: target.requiredApprovals,
      revision: 0,
      createdAt: now,
      updatedAt: now,
    };
    const audits: AuditEntry[] = [];
    await this.options.db.transaction(async tx => {
      await tx.requests.insert(record);
      await tx.requests.addTransition(record.id, {
        action: 'create',
        from: null,
        to: 'PENDING',
        actor: caller.userRef,
        at: now,
      });
      await this.options.events.publish(tx.trx, {
        topic: 'promotion-requests',
        type: 'request-created',
        actor: caller.userRef,
        subject: record.id,
        tenant,
        data: eventData(record, { requiredApprovals: record.requiredApprovals, justification: record.justification }),
      });
      audits.push({ requestId: record.id, action: 'create', from: null, to: 'PENDING', actor: caller.userRef });
    });
    await this.audit(audits);
    return this.details(caller, record);
  }

  async get(caller: Caller, id: string): Promise<PromotionRequestDetails> {
    caller.require(promotionsRequestReadPermission);
    return this.details(caller, await this.record(id));
  }

  async list(caller: Caller, query: ListPromotionsQuery): Promise<Page<PromotionRequest>> {
    caller.require(promotionsRequestReadPermission);
    const filter = {
      state: query.state,
      componentRef: query.componentRef ? normalizeComponentRef(query.componentRef) : undefined,
      tenant: query.tenant,
      requestedBy: query.mine === 'true' ? caller.userRef : undefined,
      awaitingApprovalBy: query.awaitingMyApproval === 'true' ? this.awaitingFilter(caller) : undefined,
    };
    if (filter.awaitingApprovalBy === null) {
      return { items: [], totalCount: 0, limit: query.limit, offset: query.offset };
    }
    const { items, totalCount } = await this.options.db.requests.list({
      ...filter,
      awaitingApprovalBy: filter.awaitingApprovalBy,
      limit: query.limit,
      offset: query.offset,
    });
    const approvals = await this.options.db.requests.approvals(items.map(i => i.id));
    return {
      items: items.map(item =>
        toRequestView(item, approvals.get(item.id) ?? [], this.options.settings.retryWindowMs),
      ),
      totalCount,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** How many requests wait for the caller's approval (the sidebar/home badge). */
  async countAwaitingApproval(caller: Caller): Promise<number> {
    caller.require(promotionsRequestReadPermission);
    const awaiting = this.awaitingFilter(caller);
    if (awaiting === null) return 0;
    return this.options.db.requests.count({ awaitingApprovalBy: awaiting });
  }

  /** Null when the caller approves nothing. */
  private awaitingFilter(caller: Caller) {
    if (!caller.has(promotionsRequestApprovePermission)) return null;
    const tenants = caller.approverTenants();
    if (tenants && tenants.length === 0) return null;
    return { user: caller.userRef, tenants };
  }

  async approve(caller: Caller, id: string, comment?: string): Promise<PromotionRequestDetails> {
    return this.rule.decide(
      {
        ...this.decision(caller, id, 'approve'),
        load: async () => {
          caller.require(promotionsRequestApprovePermission);
          const record = await this.record(id);
          transitionFor(record.state, 'approve');
          return { record, ...this.approvalSubject(record), recorded: await this.approvalsOf(id) };
        },
      },
      async (tally, { record, subject, recorded }) => {
        await this.checkGates(record, [...(recorded ?? [])]);
        const now = this.now();
        const audits: AuditEntry[] = [];
        await this.options.db.transaction(async tx => {
          await tx.requests.addApproval(id, { approver: caller.userRef, comment, at: now });
          if (!tally.complete) {
            // Not yet enough: the approval is recorded and the revision moves, so that two
            // concurrent "last" approvals cannot both count.
            if (!(await tx.requests.update(id, record.revision, { state: 'PENDING', at: now }))) {
              throw ApprovalRule.lostRace(subject, 'approve', (await tx.requests.get(id))?.state);
            }
            return;
          }
          const approved = await this.transition(tx, audits, record, 'approve', caller.userRef, now, {
            comment,
            approvedAt: now,
            extra: { approvers: tally.approvers },
          });
          await this.startDeployment(tx, audits, approved, 'deploy', SYSTEM_ACTOR, caller.userRef, now);
        });
        await this.audit(audits);
        return this.details(caller, await this.record(id));
      },
    );
  }

  async reject(caller: Caller, id: string, comment: string): Promise<PromotionRequestDetails> {
    return this.rule.decide(
      {
        ...this.decision(caller, id, 'reject'),
        load: async () => {
          caller.require(promotionsRequestRejectPermission);
          if (!comment?.trim()) throw new InputError('comment: a rejection says why');
          const record = await this.record(id);
          transitionFor(record.state, 'reject');
          return { record, ...this.approvalSubject(record) };
        },
      },
      async (_tally, { record }) => {
        const now = this.now();
        const audits: AuditEntry[] = [];
        await this.options.db.transaction(async tx => {
          await this.transition(tx, audits, record, 'reject', caller.userRef, now, { comment });
        });
        await this.audit(audits);
        return this.details(caller, await this.record(id));
      },
    );
  }

  /** The parts of a decision known before the request is read (the audit record's). */
  private decision(caller: Caller, id: string, action: 'approve' | 'reject') {
    return {
      decider: caller.decider,
      decision: action,
      target: { kind: PROMOTION_KIND, id },
      audit: { eventId: 'promotion-decision', meta: { requestId: id, action, actor: caller.userRef } },
    };
  }

  /** The request as the approval rule sees it, and who decides it: CPI of the tenant or CPI admin. */
  private approvalSubject(record: PromotionRecord): { subject: ApprovalSubject; approvers: ApproverSet } {
    return {
      subject: {
        kind: PROMOTION_KIND,
        id: record.id,
        requestedBy: record.requestedBy,
        state: record.state,
        requiredApprovals: record.requiredApprovals,
      },
      approvers: {
        groups: [PLATFORM_APPROVER_GROUP, tenantApproverGroup(record.tenant)],
        describe: `members of cpi-tenant-${record.tenant} or cpi-admin`,
        refusals: {
          requester: action =>
            `You requested this promotion, so you cannot ${action} it: another approver of tenant '${record.tenant}' must decide`,
          outsider: action =>
            `Only members of cpi-tenant-${record.tenant} or cpi-admin can ${action} promotions of tenant '${record.tenant}'`,
        },
      },
    };
  }

  /** A new deployment attempt on the same approval, only within the retry window. */
  async retry(caller: Caller, id: string, comment?: string): Promise<PromotionRequestDetails> {
    return this.audited(caller, id, 'retry', async () => {
      caller.require(promotionsRequestRetryPermission);
      const record = await this.record(id);
      transitionFor(record.state, 'retry');
      if (record.requestedBy !== caller.userRef && !caller.mayRequestFor(record.tenant)) {
        throw new NotAllowedError(
          `Only the requester, DevOps or approvers of tenant '${record.tenant}' can retry this deployment`,
        );
      }
      const now = this.now();
      const closesAt = (record.approvedAt ?? 0) + this.options.settings.retryWindowMs;
      if (now > closesAt) {
        throw new ConflictError(
          `The request is FAILED and its retry window closed at ${new Date(closesAt).toISOString()}; make a new request to deploy again`,
        );
      }
      const audits: AuditEntry[] = [];
      await this.options.db.transaction(async tx => {
        await this.startDeployment(tx, audits, record, 'retry', caller.userRef, caller.userRef, now, comment);
      });
      await this.audit(audits);
      return this.details(caller, await this.record(id));
    });
  }

  /**
   * An external executor's report on one attempt, from a service named for the request's
   * target environment (`promotions.targets.<ENV>.executorSubjects`). Idempotent: the same
   * report twice changes nothing; a finished attempt keeps its outcome (409 naming it).
   */
  async report(
    credentials: BackstageCredentials,
    id: string,
    report: DeploymentReport,
    httpRequest?: Request,
  ): Promise<PromotionRequestDetails> {
    const context = { endpoint: 'POST /api/promotions/requests/:id/deployment', request: httpRequest, meta: { requestId: id } };
    // A service named for no target learns nothing, not even whether the request exists.
    if (![...this.executors.values()].some(callers => callers.allows(credentials))) {
      await this.anyExecutor.require(credentials, context);
    }
    const record = await this.record(id);
    const executors = this.executors.get(record.toEnvironment);
    if (!executors) throw new ConflictError(`${record.toEnvironment} is no longer a target environment in config`);
    const caller = await executors.require(credentials, context);
    const attempt = await this.options.db.attempts.get(report.attemptId);
    if (!attempt || attempt.requestId !== id) {
      throw new NotFoundError(`No deployment attempt ${report.attemptId} on promotion request ${id}`);
    }
    if (attempt.executor !== 'external') {
      throw new ConflictError(`Attempt ${attempt.number} is run by the built-in ${attempt.executor} executor, which reports by itself`);
    }
    await this.applyProgress(attempt, report, `service:${caller.subject}`);
    return this.details(undefined, await this.record(record.id));
  }

  /**
   * Moves an attempt to running or to its end (and the request with it). Shared by the external
   * executor's callback and the follower of the built-in executor.
   */
  async applyProgress(
    attempt: AttemptRecord,
    progress: { status: 'running' | 'succeeded' | 'failed'; logsUrl?: string; message?: string; externalId?: string },
    actor: string,
  ): Promise<'changed' | 'unchanged'> {
    if (attempt.status === progress.status) return 'unchanged';
    if (attempt.status === 'succeeded' || attempt.status === 'failed') {
      throw this.attemptFinished(attempt);
    }
    const now = this.now();
    const audits: AuditEntry[] = [];
    const outcome = await this.options.db.transaction(async tx => {
      if (progress.status === 'running') {
        if (attempt.status !== 'requested') return 'unchanged' as const;
        const moved = await tx.attempts.update(attempt.id, 'requested', {
          status: 'running',
          startedAt: now,
          logsUrl: progress.logsUrl,
          externalId: progress.externalId,
        });
        return moved ? ('changed' as const) : this.recheck(tx, attempt, progress.status);
      }
      const finished = await tx.attempts.update(attempt.id, attempt.status, {
        status: progress.status,
        finishedAt: now,
        startedAt: attempt.startedAt ?? now,
        logsUrl: progress.logsUrl,
        message: progress.message,
        externalId: progress.externalId,
      });
      if (!finished) return this.recheck(tx, attempt, progress.status);
      const request = await tx.requests.get(attempt.requestId);
      if (!request) throw new NotFoundError(`No promotion request ${attempt.requestId}`);
      await this.transition(tx, audits, request, progress.status === 'succeeded' ? 'succeed' : 'fail', actor, now, {
        comment: progress.message,
        extra: {
          attemptId: attempt.id,
          attempt: attempt.number,
          executor: attempt.executor,
          logsUrl: progress.logsUrl ?? attempt.logsUrl,
        },
      });
      return 'changed' as const;
    });
    await this.audit(audits);
    return outcome;
  }

  /** Another report got there first: the same outcome is fine, another one is a conflict. */
  private async recheck(tx: Tx, attempt: AttemptRecord, wanted: string): Promise<'unchanged'> {
    const current = await tx.attempts.get(attempt.id);
    if (current?.status === wanted) return 'unchanged';
    if (current && (current.status === 'succeeded' || current.status === 'failed')) {
      throw this.attemptFinished(current);
    }
    throw new ConflictError(`Attempt ${attempt.number} changed meanwhile; it is now ${current?.status ?? 'gone'}`);
  }

  private attemptFinished(attempt: AttemptRecord): ConflictError {
    return new ConflictError(
      `Attempt ${attempt.number} already ${attempt.status}${attempt.message ? ` (${attempt.message})` : ''}; a finished attempt does not change`,
    );
  }

  /** Records the start of an attempt by the built-in executor (task id and link). */
  async markStarted(attempt: AttemptRecord, started: { taskId: string; logsUrl?: string }): Promise<boolean> {
    return this.options.db.attempts.update(attempt.id, 'requested', {
      status: 'running',
      taskId: started.taskId,
      logsUrl: started.logsUrl,
      startedAt: this.now(),
    });
  }

  // ---------------------------------------------------------------------------------------

  /**
   * Applies one transition of the table: the conditional update (only on the revision read),
   * the timeline entry and the event, all in the caller's transaction.
   */
  private async transition(
    tx: Tx,
    audits: AuditEntry[],
    record: PromotionRecord,
    action: PromotionAction,
    actor: string,
    now: number,
    options: { comment?: string; approvedAt?: number; extra?: Record<string, unknown> } = {},
  ): Promise<PromotionRecord> {
    const rule = transitionFor(record.state, action);
    if (!(await tx.requests.update(record.id, record.revision, { state: rule.to, at: now, approvedAt: options.approvedAt }))) {
      throw await this.changedMeanwhile(tx, record.id, record, action);
    }
    await tx.requests.addTransition(record.id, {
      action,
      from: record.state,
      to: rule.to,
      actor,
      comment: options.comment,
      at: now,
    });
    const next: PromotionRecord = {
      ...record,
      state: rule.to,
      revision: record.revision + 1,
      updatedAt: now,
      approvedAt: options.approvedAt ?? record.approvedAt,
    };
    await this.options.events.publish(tx.trx, {
      topic: rule.event.topic,
      type: rule.event.type,
      actor,
      subject: record.id,
      tenant: record.tenant,
      data: eventData(next, { ...options.extra, comment: options.comment, previousState: record.state }),
    });
    audits.push({ requestId: record.id, action, from: record.state, to: rule.to, actor });
    return next;
  }

  /** APPROVED -> DEPLOYING (deploy) or FAILED -> DEPLOYING (retry): a new attempt and a deploy request. */
  private async startDeployment(
    tx: Tx,
    audits: AuditEntry[],
    record: PromotionRecord,
    action: 'deploy' | 'retry',
    actor: string,
    requestedBy: string,
    now: number,
    comment?: string,
  ): Promise<PromotionRecord> {
    const target = this.options.settings.targets.get(record.toEnvironment);
    if (!target) throw new ConflictError(`${record.toEnvironment} is no longer a target environment in config`);
    const previous = await tx.attempts.forRequest(record.id);
    const attempt: AttemptRecord = {
      id: randomUUID(),
      requestId: record.id,
      number: previous.length + 1,
      executor: target.executor,
      status: 'requested',
      requestedBy,
      createdAt: now,
    };
    await tx.attempts.insert(attempt);
    return this.transition(tx, audits, record, action, actor, now, {
      comment,
      extra: {
        attemptId: attempt.id,
        attempt: attempt.number,
        executor: attempt.executor,
        ...(target.executor === 'scaffolder' ? { template: target.template } : {}),
        callback: `/api/promotions/requests/${record.id}/deployment`,
        rollbackPlan: record.rollbackPlan,
      },
    });
  }

  private async changedMeanwhile(tx: Tx, id: string, read: PromotionRecord, action: PromotionAction) {
    const current = await tx.requests.get(id);
    const rule = transitionFor(read.state, action);
    return new ConflictError(
      `The promotion request is now ${current?.state ?? 'gone'}; it was ${read.state} when your ${action} started and another change came first, so it cannot be ${rule.done}`,
    );
  }

  private async checkGates(record: PromotionRecord, approvals: ApprovalRecord[]) {
    const evidence = await this.options.evidence.evaluate(
      toRequestView(record, approvals, this.options.settings.retryWindowMs),
    );
    const blocking = evidence.filter(e => e.blocking && e.status === 'fail');
    if (blocking.length) {
      throw new ConflictError(
        `The promotion request is ${record.state} and cannot be approved: ${blocking
          .map(e => `gate '${e.title}' fails (${e.summary})`)
          .join('; ')}`,
      );
    }
  }

  private route(from?: string, to?: string): { fromEnvironment: string; toEnvironment: string } {
    const chain = this.options.settings.environments;
    const fromEnvironment = from ?? (to ? chain[chain.indexOf(to) - 1] : chain[0]);
    const index = chain.indexOf(fromEnvironment ?? '');
    if (index < 0 || index === chain.length - 1) {
      throw new InputError(
        `${from ? 'fromEnvironment' : 'toEnvironment'}: promotions go along ${chain.join(' → ')}; ${from ?? to} has no next environment`,
      );
    }
    const toEnvironment = to ?? chain[index + 1];
    if (toEnvironment !== chain[index + 1]) {
      throw new InputError(
        `toEnvironment: ${fromEnvironment} promotes to ${chain[index + 1]} (chain ${chain.join(' → ')}), not ${toEnvironment}`,
      );
    }
    return { fromEnvironment, toEnvironment };
  }

  private async component(caller: Caller, ref: string): Promise<Entity> {
    const normalized = normalizeComponentRef(ref);
    const entity = await this.options.catalog.getEntityByRef(normalized, { credentials: caller.credentials });
    if (!entity) throw new InputError(`componentRef: no component ${normalized} in the catalog, or you may not see it`);
    return entity;
  }

  /** The component's `portico.io/tenant`, else its owner group's. */
  private async tenantOf(caller: Caller, entity: Entity): Promise<string> {
    const own = entity.metadata.annotations?.[TENANT_ANNOTATION];
    if (own && TENANT.test(own)) return own;
    const owner = typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
    if (owner) {
      const group = await this.options.catalog.getEntityByRef(
        stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: 'default' })),
        { credentials: caller.credentials },
      );
      const inherited = group?.metadata.annotations?.[TENANT_ANNOTATION];
      if (inherited && TENANT.test(inherited)) return inherited;
    }
    throw new InputError(
      `componentRef: ${stringifyEntityRef(entity)} has no tenant: annotate it (or its owner group) with ${TENANT_ANNOTATION}`,
    );
  }

  private async record(id: string): Promise<PromotionRecord> {
    const record = await this.options.db.requests.get(id);
    if (!record) throw new NotFoundError(`No promotion request ${id}`);
    return record;
  }

  private async approvalsOf(id: string): Promise<ApprovalRecord[]> {
    return (await this.options.db.requests.approvals([id])).get(id) ?? [];
  }

  private async details(caller: Caller | undefined, record: PromotionRecord): Promise<PromotionRequestDetails> {
    const { db, settings } = this.options;
    const [approvals, timeline, attempts] = await Promise.all([
      this.approvalsOf(record.id),
      db.requests.timeline(record.id),
      db.attempts.forRequest(record.id),
    ]);
    const view = toRequestView(record, approvals, settings.retryWindowMs);
    return {
      ...view,
      timeline: timeline.map(toTransitionView),
      attempts: attempts.map(toAttemptView),
      evidence: await this.options.evidence.evaluate(view),
      permittedActions: caller ? this.permittedActions(caller, record, approvals) : [],
    };
  }

  /** What the UI offers the caller: the same rules as the actions (the server still decides). */
  private permittedActions(caller: Caller, record: PromotionRecord, approvals: ApprovalRecord[]): PromotionUserAction[] {
    const actions: PromotionUserAction[] = [];
    const decider =
      record.state === 'PENDING' &&
      record.requestedBy !== caller.userRef &&
      this.rule.isApprover(caller.decider, this.approvalSubject(record).approvers);
    if (decider && caller.has(promotionsRequestApprovePermission) && !approvals.some(a => a.approver === caller.userRef)) {
      actions.push('approve');
    }
    if (decider && caller.has(promotionsRequestRejectPermission)) actions.push('reject');
    if (
      record.state === 'FAILED' &&
      caller.has(promotionsRequestRetryPermission) &&
      (record.requestedBy === caller.userRef || caller.mayRequestFor(record.tenant)) &&
      this.now() <= (record.approvedAt ?? 0) + this.options.settings.retryWindowMs
    ) {
      actions.push('retry');
    }
    return actions;
  }

  /** Records a decision attempt with the auditor, refused ones included (a self-approval shows up). */
  private async audited<T>(caller: Caller, id: string, action: PromotionUserAction, fn: () => Promise<T>): Promise<T> {
    const event = await this.options.auditor.createEvent({
      eventId: 'promotion-decision',
      severityLevel: 'medium',
      meta: { requestId: id, action, actor: caller.userRef },
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** Every transition is an audit record (after the commit: nothing is recorded for a rollback). */
  private async audit(entries: AuditEntry[]): Promise<void> {
    for (const entry of entries) {
      const event = await this.options.auditor.createEvent({
        eventId: 'promotion-transition',
        severityLevel: entry.action === 'approve' || entry.action === 'reject' ? 'high' : 'medium',
        meta: { ...entry },
      });
      await event.success();
    }
  }
}

