import { randomUUID } from 'crypto';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  CreateRequest,
  serviceRequiredPermission,
  servicedeskRequestCreatePermission,
  ServiceRequest,
} from '@portico/plugin-servicedesk-common';
import type {
  ActionRecord,
  NewRequestRecord,
  RequestRecord,
  ServicedeskDatabase,
} from '../../database/ServicedeskStore';
import type { Caller } from '../AccessService';
import type { AutomationService } from '../AutomationService';
import type { Clock } from '../clock';
import { EventPublisher, requestEvent } from '../events';
import type { FormValidator } from '../FormValidator';
import type { Notifier } from '../Notifier';
import { nextAssignee } from '../RoundRobin';
import { initialDueAt } from '../sla';
import type { TeamDirectory } from '../TeamDirectory';
import type { TicketViews } from './TicketViews';

export interface RequestIntakeServiceOptions {
  permissions: PermissionsService;
  db: ServicedeskDatabase;
  events: EventPublisher;
  forms: FormValidator;
  directory: TeamDirectory;
  notifier: Notifier;
  automation: AutomationService;
  clock: Clock;
  views: TicketViews;
}

/**
 * Filing a ticket: who may file which service and for whom, the form checked against the
 * service's schema, then auto services start their automation and manual ones are assigned
 * round-robin, in the transaction that writes the ticket and its events.
 */
export class RequestIntakeService {
  constructor(private readonly options: RequestIntakeServiceOptions) {}

  async create(caller: Caller, body: CreateRequest): Promise<ServiceRequest> {
    const { db, directory, forms } = this.options;
    if (!caller.has(servicedeskRequestCreatePermission)) {
      throw new NotAllowedError(
        'You need the servicedesk.request.create permission',
      );
    }
    const service = await db.services.get(body.service);
    if (!service || !service.active) {
      throw new InputError(
        `service: no active service '${body.service}' in the catalog`,
      );
    }
    await this.checkRequiredPermissions(
      caller,
      service.slug,
      service.requiredPermissions,
    );

    let requester: { ref?: string; email?: string; name?: string };
    if (caller.kind === 'user') {
      if (body.requester_email) {
        throw new InputError(
          'requester_email: only service callers file requests on behalf of someone',
        );
      }
      const person = await directory.person(caller.ref);
      requester = {
        ref: caller.ref,
        email: person?.email,
        name: person?.displayName,
      };
    } else {
      if (!body.requester_email) {
        throw new InputError(
          'requester_email: required when a service files a request',
        );
      }
      const person = await directory.personByEmail(body.requester_email);
      requester = {
        ref: person?.ref,
        email: body.requester_email,
        name: person?.displayName,
      };
    }
    const formData = forms.validate(service.formSchema, body.formData);

    const now = this.options.clock.now();
    const auto = service.autoExecutable && !!service.workflowRef;
    // Manual services: the team's members from the catalog, read before the transaction.
    const members = auto
      ? []
      : (await directory.team(service.team))?.members ?? [];

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
      const published = [
        requestEvent('request-created', caller.ref, record, {
          autoResolution: auto,
        }),
      ];
      let started: ActionRecord | undefined;
      if (auto) {
        await tx.requests.startPause(record.number, 'automation', now);
        started = {
          id: randomUUID(),
          requestNumber: record.number,
          actionType: 'scaffolder-task',
          actionData: {
            templateRef: service.workflowRef!,
            values: this.templateValues(record),
          },
          status: 'running',
          executedBy: caller.ref,
          executedAt: now,
        };
        await tx.actions.insert(started);
      } else {
        const assignee = nextAssignee(
          members,
          await tx.cursors.lastAssignee(service.team),
        );
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
          published.push(
            requestEvent('request-assigned', 'plugin:servicedesk', record, {
              assignment: 'round-robin',
            }),
          );
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
      if (request.assignedTo)
        await this.options.notifier.assigned(request, 'Round-robin');
    }
    return this.options.views.view(
      caller,
      (await db.requests.get(request.number))!,
    );
  }

  /**
   * A service's `requiredPermissions` (e.g. `hr`), asked of the permission framework as
   * `servicedesk.service.<name>` before anything is written. A service caller filing on
   * someone's behalf cannot vouch for that person's permissions: refused.
   */
  private async checkRequiredPermissions(
    caller: Caller,
    slug: string,
    required: string[],
  ) {
    if (required.length === 0) return;
    const permissions = required.map(serviceRequiredPermission);
    if (caller.kind !== 'user') {
      throw new NotAllowedError(
        `Service '${slug}' requires ${permissions
          .map(p => p.name)
          .join(
            ', ',
          )}: only a signed-in user holding it may file it, not a service on someone's behalf`,
      );
    }
    const decisions = await this.options.permissions.authorize(
      permissions.map(permission => ({ permission })),
      { credentials: caller.credentials },
    );
    const missing = permissions.filter(
      (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
    );
    if (missing.length) {
      throw new NotAllowedError(
        `Service '${slug}' requires ${missing
          .map(p => p.name)
          .join(', ')}, which your roles do not grant`,
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
      ...(record.requesterEmail
        ? { requesterEmail: record.requesterEmail }
        : {}),
    };
  }
}
