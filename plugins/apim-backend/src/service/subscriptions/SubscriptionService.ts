import { randomUUID } from 'crypto';
import type { Knex } from 'knex';
import type { AuditorService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ApprovalRule, type ApproverSet } from '@portico/portico-node';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  CreateSubscriptionRequest,
  Page,
  readPlans,
  Subscription,
  SubscriptionState,
  SubscriptionTransition,
} from '@portico/plugin-apim-common';
import type { ApimDatabase, ApimStores, SubscriptionRecord } from '../../database/ApimStore';
import type { Caller } from '../access/AccessService';
import type { ApiService } from '../apis/ApiService';
import type { EventPublisher } from '../events';
import { normalizeRef, ownerOf, refOf } from '../refs';
import {
  ActionRule,
  Decider,
  END_WITH_APPLICATION,
  SubscriptionAction,
  transitionFor,
} from './stateMachine';

export interface ListSubscriptionsQuery {
  applicationId?: string;
  apiRef?: string;
  state?: SubscriptionState;
  awaitingMyDecision?: 'true' | 'false';
  limit: number;
  offset: number;
}

function toView(record: SubscriptionRecord, history: SubscriptionTransition[]): Subscription {
  return {
    id: record.id,
    applicationId: record.applicationId,
    applicationName: record.applicationName,
    applicationOwner: record.applicationOwner,
    apiRef: record.apiRef,
    plan: record.plan,
    environment: record.environment,
    state: record.state,
    requestedBy: record.requestedBy,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    history,
  };
}

/** The event data of a subscription (the catalogue's SubscriptionData and what notifications need). */
function eventData(
  record: SubscriptionRecord,
  extra: Record<string, string | undefined> = {},
): Record<string, unknown> {
  return {
    subscriptionId: record.id,
    applicationId: record.applicationId,
    applicationName: record.applicationName,
    applicationOwner: record.applicationOwner,
    apiRef: record.apiRef,
    plan: record.plan,
    environment: record.environment,
    state: record.state,
    requestedBy: record.requestedBy,
    ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
  };
}

function tenantOf(entity: Entity | undefined): { tenant?: string } {
  const tenant = entity?.metadata.annotations?.['portico.io/tenant'];
  return tenant && /^[a-z0-9-]{1,63}$/.test(tenant) ? { tenant } : {};
}

/**
 * Subscriptions: application x API x plan x environment. Auto plans are active at once;
 * manual ones wait for a member of the API's owner group who is not the requester. The rules
 * are enforced here, whatever the path that calls (REST, scaffolder action, a retry).
 */
export class SubscriptionService {
  constructor(
    private readonly options: {
      db: ApimDatabase;
      events: EventPublisher;
      apis: ApiService;
      auditor: AuditorService;
      clock?: () => number;
    },
  ) {
    this.rule = new ApprovalRule({ auditor: options.auditor });
  }

  private readonly rule: ApprovalRule;

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  async create(caller: Caller, request: CreateSubscriptionRequest): Promise<Subscription> {
    const { db } = this.options;
    const application = await db.applications.get(request.applicationId);
    if (!application) throw new NotFoundError(`No application ${request.applicationId}`);
    if (!caller.isAdmin && !caller.isMemberOf(application.owner)) {
      throw new NotAllowedError(
        `Only members of ${application.owner} or portal admins can subscribe application '${application.name}'`,
      );
    }
    if (!application.environments.includes(request.environment)) {
      throw new InputError(
        `environment: application '${application.name}' does not use ${request.environment} (it uses ${application.environments.join(', ')})`,
      );
    }
    const api = await this.options.apis.entity(caller.credentials, request.apiRef);
    const apiRef = refOf(api);
    const { plans, error } = readPlans(api.metadata.annotations);
    const plan = plans.find(p => p.name === request.plan);
    if (!plan) {
      throw new InputError(
        `plan: '${request.plan}' is not a plan of ${apiRef} (${
          error ?? `plans: ${plans.map(p => p.name).join(', ') || 'none'}`
        })`,
      );
    }
    if (!plan.environments.includes(request.environment)) {
      throw new InputError(
        `environment: plan '${plan.name}' of ${apiRef} is not offered in ${request.environment} (offered in ${plan.environments.join(', ')})`,
      );
    }

    const existing = await db.subscriptions.findLive(application.id, apiRef, request.environment);
    if (existing) throw this.alreadySubscribed(existing);

    const now = this.now();
    const state: SubscriptionState = plan.approval === 'auto' ? 'active' : 'pending';
    const record: SubscriptionRecord = {
      id: randomUUID(),
      applicationId: application.id,
      applicationName: application.name,
      applicationOwner: application.owner,
      apiRef,
      plan: plan.name,
      environment: request.environment,
      state,
      requestedBy: caller.userRef,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await db.transaction(async tx => {
        await tx.subscriptions.insert(record);
        await tx.subscriptions.addHistory(record.id, { from: null, to: state, actor: caller.userRef, at: now });
        await this.options.events.publish(tx.trx, {
          topic: 'subscription-created',
          type: 'subscription-created',
          actor: caller.userRef,
          subject: record.id,
          ...tenantOf(api),
          data: eventData(record, { apiOwner: ownerOf(api) }),
        });
      });
    } catch (e) {
      // Two concurrent requests: the unique index lets one in; name what the other found.
      const winner =
        e instanceof ConflictError
          ? await db.subscriptions.findLive(application.id, apiRef, request.environment)
          : undefined;
      throw winner ? this.alreadySubscribed(winner) : e;
    }
    return this.view(record);
  }

  private alreadySubscribed(existing: SubscriptionRecord): ConflictError {
    return new ConflictError(
      `Application '${existing.applicationName}' already has a subscription to ${existing.apiRef} in ${existing.environment}: ${existing.id}, ${existing.state}`,
    );
  }

  async get(caller: Caller, id: string): Promise<Subscription> {
    const record = await this.options.db.subscriptions.get(id);
    if (!record) throw new NotFoundError(`No subscription ${id}`);
    if (!caller.isAdmin && !caller.isMemberOf(record.applicationOwner)) {
      const api = await this.apiOrUndefined(caller, record.apiRef);
      if (!caller.isMemberOf(api && ownerOf(api))) {
        throw new NotAllowedError(
          `Only members of ${record.applicationOwner}, the API's owners or portal admins can see this subscription`,
        );
      }
    }
    return this.view(record);
  }

  /**
   * The subscriptions the caller may see: those of applications their groups own and those to
   * APIs their groups own (portal admins see all).
   */
  async list(caller: Caller, query: ListSubscriptionsQuery): Promise<Page<Subscription>> {
    const ownedApis = caller.isAdmin
      ? undefined
      : await this.options.apis.ownedBy(caller.credentials, caller.groups);
    const awaiting = query.awaitingMyDecision === 'true';
    const { items, totalCount } = await this.options.db.subscriptions.list({
      applicationId: query.applicationId,
      apiRef: query.apiRef ? normalizeRef(query.apiRef, 'api', 'apiRef') : undefined,
      state: awaiting ? 'pending' : query.state,
      requestedByNot: awaiting ? caller.userRef : undefined,
      apiRefsIn: awaiting ? ownedApis : undefined,
      visibleTo: ownedApis ? { applicationOwners: caller.groups, apiRefs: ownedApis } : undefined,
      limit: query.limit,
      offset: query.offset,
    });
    const history = await this.options.db.subscriptions.history(items.map(i => i.id));
    return {
      items: items.map(item => toView(item, history.get(item.id) ?? [])),
      totalCount,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Approve, reject, suspend, resume or revoke: the table in stateMachine.ts decides. */
  async act(
    caller: Caller,
    id: string,
    action: SubscriptionAction,
    comment?: string,
  ): Promise<Subscription> {
    if (action === 'approve' || action === 'reject') return this.decide(caller, id, action, comment);
    const { record, api, apiOwner } = await this.load(caller, id);
    const rule = transitionFor(record.state, action);
    const roles: Record<Decider, boolean> = {
      apiOwner: caller.isMemberOf(apiOwner),
      applicationOwner: caller.isMemberOf(record.applicationOwner),
    };
    if (!caller.isAdmin && !rule.by.some(decider => roles[decider])) {
      throw new NotAllowedError(`Only members of ${this.who(rule, record, apiOwner)} or portal admins can ${action} this subscription`);
    }
    return this.apply(caller, record, action, api, apiOwner, comment);
  }

  /**
   * Approve or reject a pending subscription: Portico's approval rule (never the requester,
   * the API's owner group or portal admins, one winner, every attempt audited).
   */
  private async decide(caller: Caller, id: string, decision: 'approve' | 'reject', comment?: string) {
    return this.rule.decide(
      {
        decider: { userRef: caller.userRef, groups: caller.groups },
        decision,
        target: { kind: 'subscription', id },
        audit: { eventId: 'subscription-decision', meta: { subscriptionId: id, action: decision, actor: caller.userRef } },
        load: async () => {
          const loaded = await this.load(caller, id);
          const rule = transitionFor(loaded.record.state, decision);
          const who = this.who(rule, loaded.record, loaded.apiOwner);
          const approvers: ApproverSet = {
            groups: loaded.apiOwner ? [loaded.apiOwner] : [],
            allows: () => caller.isAdmin,
            describe: `members of ${who} or portal admins`,
            refusals: {
              requester: () =>
                `You asked for this subscription, so you cannot have it ${rule.done}: another member of the API's owner group must decide`,
              outsider: () => `Only members of ${who} or portal admins can ${decision} this subscription`,
            },
          };
          const subject = { kind: 'subscription', id, requestedBy: loaded.record.requestedBy, state: loaded.record.state };
          return { ...loaded, subject, approvers };
        },
      },
      (_tally, { record, api, apiOwner }) => this.apply(caller, record, decision, api, apiOwner, comment),
    );
  }

  private async load(caller: Caller, id: string) {
    const record = await this.options.db.subscriptions.get(id);
    if (!record) throw new NotFoundError(`No subscription ${id}`);
    const api = await this.apiOrUndefined(caller, record.apiRef);
    return { record, api, apiOwner: api && ownerOf(api) };
  }

  private who(rule: ActionRule, record: SubscriptionRecord, apiOwner: string | undefined): string {
    return rule.by
      .map(decider => (decider === 'apiOwner' ? apiOwner ?? "the API's owner group" : record.applicationOwner))
      .join(' or ');
  }

  /** The transition, only from the state read: exactly one of concurrent changes wins. */
  private async apply(
    caller: Caller,
    record: SubscriptionRecord,
    action: SubscriptionAction,
    api: Entity | undefined,
    apiOwner: string | undefined,
    comment?: string,
  ): Promise<Subscription> {
    const rule = transitionFor(record.state, action);
    const { id } = record;
    const now = this.now();
    await this.options.db.transaction(async tx => {
      if (!(await tx.subscriptions.transition(id, record.state, rule.to, now))) {
        const current = await tx.subscriptions.get(id);
        throw new ConflictError(
          `The subscription is now ${current?.state ?? 'gone'}; it was ${record.state} when your ${action} started and cannot be ${rule.done}`,
        );
      }
      await tx.subscriptions.addHistory(id, { from: record.state, to: rule.to, actor: caller.userRef, comment, at: now });
      await this.options.events.publish(tx.trx, {
        topic: rule.event.topic,
        type: rule.event.type,
        actor: caller.userRef,
        subject: id,
        ...tenantOf(api),
        data: eventData({ ...record, state: rule.to }, { apiOwner, comment, previousState: record.state }),
      });
    });
    return this.view({ ...record, state: rule.to, updatedAt: now });
  }

  /**
   * Ends every live subscription of an application being deleted, inside the deleting
   * transaction; returns their ids.
   */
  async endForDeletedApplication(
    tx: ApimStores & { trx: Knex.Transaction },
    applicationId: string,
    caller: Caller,
    now: number,
  ): Promise<string[]> {
    const live = await tx.subscriptions.liveForApplication(applicationId);
    for (const record of live) {
      if (!END_WITH_APPLICATION.from.includes(record.state)) continue;
      if (!(await tx.subscriptions.transition(record.id, record.state, END_WITH_APPLICATION.to, now))) {
        throw new ConflictError(
          `Subscription ${record.id} changed while the application was being deleted; try again`,
        );
      }
      await tx.subscriptions.addHistory(record.id, {
        from: record.state,
        to: END_WITH_APPLICATION.to,
        actor: caller.userRef,
        comment: 'Application deleted',
        at: now,
      });
      await this.options.events.publish(tx.trx, {
        topic: END_WITH_APPLICATION.event.topic,
        type: END_WITH_APPLICATION.event.type,
        actor: caller.userRef,
        subject: record.id,
        data: eventData({ ...record, state: END_WITH_APPLICATION.to }, { cause: 'application-deleted' }),
      });
    }
    return live.map(record => record.id);
  }

  /** Whether the application has an active subscription to the API in the environment. */
  async activeSubscription(applicationId: string, apiRef: string, environment: SubscriptionRecord['environment']) {
    const live = await this.options.db.subscriptions.findLive(applicationId, apiRef, environment);
    return live?.state === 'active' ? live : undefined;
  }

  private async apiOrUndefined(caller: Caller, apiRef: string): Promise<Entity | undefined> {
    try {
      return await this.options.apis.entity(caller.credentials, apiRef);
    } catch (error) {
      // An API gone from the catalog has no owners left; admins (and application owners, for
      // revoke) can still act on its subscriptions.
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  private async view(record: SubscriptionRecord): Promise<Subscription> {
    const history = await this.options.db.subscriptions.history([record.id]);
    return toView(record, history.get(record.id) ?? []);
  }
}
