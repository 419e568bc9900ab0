import { randomUUID } from 'crypto';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  CommentBody,
  CreateRequest,
  ListRequestsQuery,
  Page,
  parseTicketId,
  serviceRequiredPermission,
  RequestStatus,
  servicedeskRequestCreatePermission,
  servicedeskRequestWorkPermission,
  ServiceRequest,
  ServiceRequestSummary,
} from '@portico/plugin-servicedesk-common';
import type {
  ActionRecord,
  NewRequestRecord,
  RequestRecord,
  ServicedeskDatabase,
  ServicedeskStores,
} from '../database/ServicedeskStore';
import type { Caller } from './AccessService';
import type { AutomationService } from './AutomationService';
import type { Clock } from './clock';
import { EventPublisher, requestEvent } from './events';
import type { FormValidator } from './FormValidator';
import type { Notifier } from './Notifier';
import { nextAssignee } from './RoundRobin';
import { initialDueAt, slaView } from './sla';
import { clockPatch, syncPauseRows } from './ticketClock';
import { canMove, Mover, nextStatuses, stopsClock } from './stateMachine';
import { taskLogPath } from './ScaffolderGateway';
import { normalizeGroupRef, normalizeUserRef, TeamDirectory } from './TeamDirectory';

export interface RequestServiceOptions {
  permissions: PermissionsService;
  db: ServicedeskDatabase;
  events: EventPublisher;
  forms: FormValidator;
  directory: TeamDirectory;
  notifier: Notifier;
  automation: AutomationService;
  clock: Clock;
}

type Tx = ServicedeskStores & { trx: import('knex').Knex.Transaction };

/**
 * Tickets: filing (auto services start their automation, manual ones are assigned
 * round-robin), the agents' work on them and the requester's view. The rules (who may move a
 * ticket where, who sees internal comments) are enforced here, whatever the path that calls.
 */
export class RequestService {
  constructor(private readonly options: RequestServiceOptions) {}

  private now() {
    return this.options.clock.now();
  }

  async create(caller: Caller, body: CreateRequest): Promise<ServiceRequest> {
    const { db, directory, forms } = this.options;
    if (!caller.has(servicedeskRequestCreatePermission)) {
      throw new NotAllowedError('You need the servicedesk.request.create permission');
    }
    const service = await db.services.get(body.service);
    if (!service || !service.active) {
      throw new InputError(`service: no active service '${body.service}' in the catalog`);
    }
    await this.checkRequiredPermissions(caller, service.slug, service.requiredPermissions);

    let requester: { ref?: string; email?: string; name?: string };
    if (caller.kind === 'user') {
      if (body.requester_email) {
        throw new InputError('requester_email: only service callers file requests on behalf of someone');
      }
      const person = await directory.person(caller.ref);
      requester = { ref: caller.ref, email: person?.email, name: person?.displayName };
    } else {
      if (!body.requester_email) {
        throw new InputError('requester_email: required when a service files a request');
      }
      const person = await directory.personByEmail(body.requester_email);
      requester = { ref: person?.ref, email: body.requester_email, name: person?.displayName };
    }
    const formData = forms.validate(service.formSchema, body.formData);

    const now = this.now();
    const auto = service.autoExecutable && !!service.workflowRef;
    // Manual services: the team's members from the catalog, read before the transaction.
    const members = auto ? [] : (await directory.team(service.team))?.members ?? [];

    const base: NewRequestRecord = {
      requesterRef: requester.ref,
      requesterEmail: requester.email,
      requesterName: requester.name,
      serviceSlug: service.slug,
      team: service.team,
      priority: body.priority,
      status: auto ? 'in_progress' : 'new',
      title: body.title,
      description: body.description,
      formData,
      autoResolution: auto,
      createdBy: caller.ref,
      createdAt: now,
      updatedAt: now,
      slaHours: service.slaHours,
      slaDueAt: initialDueAt(now, service.slaHours),
      // The automation's run time does not count against the SLA.
      ...(auto ? { pausedSince: now, pauseReason: 'automation' as const } : {}),
    };

    const { request, action } = await db.transaction(async tx => {
      let record = await tx.requests.insert(base);
      await tx.requests.addHistory(record.number, {
        toStatus: record.status,
        actor: caller.ref,
        note: auto ? `Automation ${service.workflowRef} starts` : undefined,
        at: now,
      });
      const published = [requestEvent('request-created', caller.ref, record, { autoResolution: auto })];
      let started: ActionRecord | undefined;
      if (auto) {
        await tx.requests.startPause(record.number, 'automation', now);
        started = {
          id: randomUUID(),
          requestNumber: record.number,
          actionType: 'scaffolder-task',
          actionData: { templateRef: service.workflowRef!, values: this.templateValues(record) },
          status: 'running',
          executedBy: caller.ref,
          executedAt: now,
        };
        await tx.actions.insert(started);
      } else {
        const assignee = nextAssignee(members, await tx.cursors.lastAssignee(service.team));
        if (assignee) {
          await tx.cursors.setLastAssignee(service.team, assignee);
          await tx.requests.update(record.number, { assignedTo: assignee });
          await tx.requests.addHistory(record.number, {
            fromStatus: 'new',
            toStatus: 'new',
            actor: 'plugin:servicedesk',
            note: `Assigned to ${assignee} (round-robin)`,
            at: now,
          });
          record = { ...record, assignedTo: assignee };
          published.push(requestEvent('request-assigned', 'plugin:servicedesk', record, { assignment: 'round-robin' }));
        }
      }
      await this.options.events.publish(tx.trx, ...published);
      return { request: record, action: started };
    });

    if (action) {
      // After the commit: a crash here leaves a running action without a task, which the
      // follower fails after a grace period.
      await this.options.automation.start(request, action);
    } else {
      await this.options.notifier.newTicket(request);
      if (request.assignedTo) await this.options.notifier.assigned(request, 'Round-robin');
    }
    return this.view(caller, (await db.requests.get(request.number))!);
  }

  /**
   * A service's `requiredPermissions` (e.g. `hr`), asked of the permission framework as
   * `servicedesk.service.<name>` before anything is written. A service caller filing on
   * someone's behalf cannot vouch for that person's permissions: refused.
   */
  private async checkRequiredPermissions(caller: Caller, slug: string, required: string[]) {
    if (required.length === 0) return;
    const permissions = required.map(serviceRequiredPermission);
    if (caller.kind !== 'user') {
      throw new NotAllowedError(
        `Service '${slug}' requires ${permissions.map(p => p.name).join(', ')}: only a signed-in user holding it may file it, not a service on someone's behalf`,
      );
    }
    const decisions = await this.options.permissions.authorize(
      permissions.map(permission => ({ permission })),
      { credentials: caller.credentials },
    );
    const missing = permissions.filter((_, i) => decisions[i].result !== AuthorizeResult.ALLOW);
    if (missing.length) {
      throw new NotAllowedError(
        `Service '${slug}' requires ${missing.map(p => p.name).join(', ')}, which your roles do not grant`,
      );
    }
  }

  /** What the template receives: the form's fields and the ticket's. */
  private templateValues(record: RequestRecord): Record<string, unknown> {
    return {
      ...record.formData,
      ticketId: record.ticketId,
      title: record.title,
      ...(record.description ? { description: record.description } : {}),
      priority: record.priority,
      ...(record.requesterRef ? { requester: record.requesterRef } : {}),
      ...(record.requesterEmail ? { requesterEmail: record.requesterEmail } : {}),
    };
  }

  private async load(ticketId: string): Promise<RequestRecord> {
    const number = parseTicketId(ticketId);
    const record = number !== undefined ? await this.options.db.requests.get(number) : undefined;
    if (!record) throw new NotFoundError(`No request ${ticketId}`);
    return record;
  }

  private rolesOf(caller: Caller, record: RequestRecord): Mover[] {
    const roles: Mover[] = [];
    if (caller.worksFor(record.team)) roles.push('agent');
    if (record.requesterRef && caller.ref === record.requesterRef) roles.push('requester');
    // A service that filed the ticket through the intake speaks for its requester.
    if (caller.kind === 'service' && record.createdBy === caller.ref) roles.push('requester');
    return roles;
  }

  private mayRead(caller: Caller, record: RequestRecord) {
    return this.rolesOf(caller, record).length > 0;
  }

  async get(caller: Caller, ticketId: string): Promise<ServiceRequest> {
    const record = await this.load(ticketId);
    if (!this.mayRead(caller, record)) {
      throw new NotAllowedError(`Only the requester, agents of ${record.team} and portal admins see ${record.ticketId}`);
    }
    return this.view(caller, record);
  }

  async list(caller: Caller, query: ListRequestsQuery): Promise<Page<ServiceRequestSummary>> {
    let teams: string[] | undefined;
    let requesterRef: string | undefined;
    if (query.scope === 'mine') {
      requesterRef = caller.ref;
    } else {
      if (!caller.has(servicedeskRequestWorkPermission)) {
        throw new NotAllowedError('You need the servicedesk.request.work permission to see a queue');
      }
      if (query.team) {
        const team = normalizeGroupRef(query.team);
        if (!caller.worksFor(team)) throw new NotAllowedError(`You are not an agent of ${team}`);
        teams = [team];
      } else {
        teams = caller.isAdmin ? undefined : caller.groups;
      }
    }
    let assignedTo: string | null | undefined;
    if (query.assignee === 'me') assignedTo = caller.ref;
    else if (query.assignee === 'unassigned') assignedTo = null;
    else if (query.assignee) assignedTo = normalizeUserRef(query.assignee);

    const now = this.now();
    const { items, totalCount } = await this.options.db.requests.list({
      requesterRef,
      teams,
      statuses: query.status,
      priorities: query.priority,
      serviceSlug: query.service,
      assignedTo,
      overdueAt: query.overdue === 'true' ? now : undefined,
      limit: query.limit,
      offset: query.offset,
    });
    return {
      items: items.map(record => this.summary(record, [], now)),
      totalCount,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async claim(caller: Caller, ticketId: string): Promise<ServiceRequest> {
    return this.mutate(caller, ticketId, async (tx, record, now) => {
      this.requireAgent(caller, record);
      if (stopsClock(record.status)) throw new ConflictError(`${record.ticketId} is ${record.status}; reopen it first`);
      const toStatus: RequestStatus = record.status === 'waiting_on_requester' ? record.status : 'in_progress';
      const patch = {
        assignedTo: caller.ref,
        status: toStatus,
        updatedAt: now,
        ...(toStatus !== record.status ? clockPatch(record, toStatus, now) : {}),
      };
      await tx.requests.update(record.number, patch);
      await tx.requests.addHistory(record.number, {
        fromStatus: record.status,
        toStatus,
        actor: caller.ref,
        note: `Claimed by ${caller.ref}`,
        at: now,
      });
      const updated = { ...record, ...patch };
      await this.options.events.publish(tx.trx, requestEvent('request-assigned', caller.ref, updated, { assignment: 'claim' }));
      return { record: updated };
    });
  }

  async assign(caller: Caller, ticketId: string, assignee: string): Promise<ServiceRequest> {
    const target = normalizeUserRef(assignee);
    const record = await this.load(ticketId);
    this.requireAgent(caller, record);
    const team = await this.options.directory.team(record.team);
    if (!team?.members.includes(target)) {
      throw new InputError(`assignee: ${target} is not a member of ${record.team}`);
    }
    return this.mutate(caller, ticketId, async (tx, current, now) => {
      if (stopsClock(current.status)) throw new ConflictError(`${current.ticketId} is ${current.status}; reopen it first`);
      const patch = { assignedTo: target, updatedAt: now };
      await tx.requests.update(current.number, patch);
      await tx.requests.addHistory(current.number, {
        fromStatus: current.status,
        toStatus: current.status,
        actor: caller.ref,
        note: `Assigned to ${target}`,
        at: now,
      });
      const updated = { ...current, ...patch };
      await this.options.events.publish(tx.trx, requestEvent('request-assigned', caller.ref, updated, { assignment: 'manual' }));
      return { record: updated, after: () => this.options.notifier.assigned(updated, caller.ref) };
    });
  }

  async comment(caller: Caller, ticketId: string, body: Required<CommentBody>): Promise<ServiceRequest> {
    return this.mutate(caller, ticketId, async (tx, record, now) => {
      const roles = this.rolesOf(caller, record);
      if (roles.length === 0) throw new NotAllowedError(`You may not comment on ${record.ticketId}`);
      if (body.visibility === 'internal' && !roles.includes('agent')) {
        throw new NotAllowedError(`Only agents of ${record.team} write internal comments`);
      }
      await tx.requests.addComment({
        id: randomUUID(),
        requestNumber: record.number,
        author: caller.ref,
        body: body.body,
        visibility: body.visibility,
        createdAt: now,
      });
      let updated: RequestRecord = { ...record, updatedAt: now };
      // The requester answered the agent's question: the clock runs again.
      if (
        record.status === 'waiting_on_requester' &&
        roles.includes('requester') &&
        !roles.includes('agent') &&
        body.visibility === 'public'
      ) {
        const patch = { status: 'in_progress' as const, ...clockPatch(record, 'in_progress', now) };
        await tx.requests.addHistory(record.number, {
          fromStatus: record.status,
          toStatus: 'in_progress',
          actor: caller.ref,
          note: 'The requester answered',
          at: now,
        });
        updated = { ...updated, ...patch };
        await tx.requests.update(record.number, { ...patch, updatedAt: now });
      } else {
        await tx.requests.update(record.number, { updatedAt: now });
      }
      // Internal: the assignee; an agent's public comment: the requester; the requester's: the agent or team.
      let recipients: Array<string | undefined> = [record.assignedTo ?? record.team];
      if (body.visibility === 'internal') recipients = [record.assignedTo];
      else if (roles.includes('agent')) recipients = [record.requesterRef];
      return { record: updated, after: () => this.options.notifier.commented(updated, caller.ref, recipients) };
    });
  }

  async changeStatus(caller: Caller, ticketId: string, status: RequestStatus, note?: string): Promise<ServiceRequest> {
    return this.mutate(caller, ticketId, async (tx, record, now) => {
      const roles = this.rolesOf(caller, record);
      if (roles.length === 0) throw new NotAllowedError(`You may not change ${record.ticketId}`);
      if (!roles.some(role => canMove(record.status, status, role))) {
        const anyone = (['agent', 'requester', 'system'] as Mover[]).some(role => canMove(record.status, status, role));
        if (anyone) throw new NotAllowedError(`You may not move ${record.ticketId} from ${record.status} to ${status}`);
        throw new ConflictError(`status: ${record.ticketId} cannot move from ${record.status} to ${status}`);
      }
      if (status === 'resolved' && !note) {
        throw new InputError('note: resolution notes are required to resolve a ticket');
      }
      const patch: Parameters<Tx['requests']['update']>[1] = {
        status,
        updatedAt: now,
        ...clockPatch(record, status, now),
        ...(status === 'resolved' ? { resolutionNotes: note } : {}),
        // Reopened: the resolution no longer holds.
        ...(record.status === 'resolved' && status === 'in_progress'
          ? { resolvedAt: undefined, slaMet: undefined }
          : {}),
      };
      await tx.requests.update(record.number, patch);
      await tx.requests.addHistory(record.number, { fromStatus: record.status, toStatus: status, actor: caller.ref, note, at: now });
      const updated = { ...record, ...patch } as RequestRecord;
      if (status === 'resolved') {
        await this.options.events.publish(tx.trx, requestEvent('request-resolved', caller.ref, updated, { resolutionNotes: note, slaMet: updated.slaMet }));
        return { record: updated, after: () => this.options.notifier.resolved(updated) };
      }
      return { record: updated };
    });
  }

  private requireAgent(caller: Caller, record: RequestRecord) {
    if (!caller.worksFor(record.team)) {
      throw new NotAllowedError(`Only agents of ${record.team} and portal admins work ${record.ticketId}`);
    }
  }

  /**
   * One change to a ticket in a transaction that locks it (PostgreSQL), with the SLA pause
   * rows following the pause fields; `after` runs once committed (notifications).
   */
  private async mutate(
    caller: Caller,
    ticketId: string,
    change: (tx: Tx, record: RequestRecord, now: number) => Promise<{ record: RequestRecord; after?: () => Promise<unknown> }>,
  ): Promise<ServiceRequest> {
    const loaded = await this.load(ticketId);
    if (!this.mayRead(caller, loaded)) {
      throw new NotAllowedError(`Only the requester, agents of ${loaded.team} and portal admins see ${loaded.ticketId}`);
    }
    const { record, after } = await this.options.db.transaction(async tx => {
      const current = (await tx.requests.getForUpdate(loaded.number))!;
      const now = this.now();
      const result = await change(tx, current, now);
      await syncPauseRows(tx, current, result.record, now);
      return result;
    });
    await after?.();
    return this.view(caller, record);
  }

  summary(record: RequestRecord, pauses: Parameters<typeof slaView>[1], now: number): ServiceRequestSummary {
    return {
      ticketId: record.ticketId,
      serviceSlug: record.serviceSlug,
      serviceName: record.serviceName,
      team: record.team,
      title: record.title,
      priority: record.priority,
      status: record.status,
      requester: record.requesterRef ?? record.requesterEmail ?? 'unknown',
      ...(record.requesterEmail ? { requesterEmail: record.requesterEmail } : {}),
      ...(record.assignedTo ? { assignedTo: record.assignedTo } : {}),
      autoResolution: record.autoResolution,
      createdAt: new Date(record.createdAt).toISOString(),
      updatedAt: new Date(record.updatedAt).toISOString(),
      ...(record.resolvedAt !== undefined ? { resolvedAt: new Date(record.resolvedAt).toISOString() } : {}),
      sla: slaView(record, pauses, now),
    };
  }

  async view(caller: Caller, stale: RequestRecord): Promise<ServiceRequest> {
    const { db } = this.options;
    const record = (await db.requests.get(stale.number)) ?? stale;
    const [pauses, actions, comments, history] = await Promise.all([
      db.requests.pauses(record.number),
      db.actions.forRequest(record.number),
      db.requests.comments(record.number),
      db.requests.history(record.number),
    ]);
    const roles = this.rolesOf(caller, record);
    const isAgent = roles.includes('agent');
    return {
      ...this.summary(record, pauses, this.now()),
      ...(record.description ? { description: record.description } : {}),
      ...(record.requesterName ? { requesterName: record.requesterName } : {}),
      formData: record.formData,
      ...(record.resolutionNotes ? { resolutionNotes: record.resolutionNotes } : {}),
      createdBy: record.createdBy,
      actions: actions.map(action => ({
        id: action.id,
        actionType: action.actionType,
        templateRef: action.actionData.templateRef,
        ...(action.taskId ? { taskId: action.taskId, taskLogPath: taskLogPath(action.taskId) } : {}),
        status: action.status,
        executedBy: action.executedBy,
        executedAt: new Date(action.executedAt).toISOString(),
        ...(action.finishedAt !== undefined ? { finishedAt: new Date(action.finishedAt).toISOString() } : {}),
        ...(action.result ? { result: action.result } : {}),
        ...(action.errorMessage ? { errorMessage: action.errorMessage } : {}),
      })),
      comments: comments
        .filter(c => isAgent || c.visibility === 'public')
        .map(c => ({ id: c.id, author: c.author, body: c.body, visibility: c.visibility, createdAt: new Date(c.createdAt).toISOString() })),
      history: history.map(h => ({
        ...(h.fromStatus ? { fromStatus: h.fromStatus } : {}),
        toStatus: h.toStatus,
        actor: h.actor,
        ...(h.note ? { note: h.note } : {}),
        at: new Date(h.at).toISOString(),
      })),
      can: {
        work: isAgent,
        comment: roles.length > 0,
        commentInternal: isAgent,
        cancel: roles.some(role => canMove(record.status, 'cancelled', role)),
        transitions: nextStatuses(record.status, roles),
      },
    };
  }
}

