import type { AuditorService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { NamedServiceCallers } from '@portico/portico-node';
import type { Request } from 'express';
import type { ServicedeskDatabase } from '../database/ServicedeskStore';
import { parseTicketId } from '@portico/plugin-servicedesk-common';

/**
 * Who may ask: the scaffolder running a task the service desk started. Backstage issues the
 * call of an action run for a service initiator as `plugin:scaffolder`; a task a user started
 * calls on that user's behalf and is refused.
 */
export const AUTOMATION_VERIFIER_SUBJECTS = ['plugin:scaffolder', 'plugin:servicedesk'];

export interface VerifiedAutomation {
  ticketId: string;
  templateRef: string;
  taskId: string;
}

/**
 * The first step of an auto-fulfilment template asks here whether it may act: the ticket
 * exists, its automation is running with this very template, and it is bound to this task and
 * no other.
 */
export class AutomationVerifier {
  private readonly callers: NamedServiceCallers;

  constructor(private readonly options: { db: ServicedeskDatabase; auditor: AuditorService }) {
    this.callers = new NamedServiceCallers({
      subjects: AUTOMATION_VERIFIER_SUBJECTS,
      configKey: 'built in: tasks the service desk started',
      auditor: options.auditor,
    });
  }

  async verify(
    credentials: BackstageCredentials,
    ticketId: string,
    claim: { templateRef: string; taskId: string },
    httpRequest?: Request,
  ): Promise<VerifiedAutomation> {
    await this.callers.require(credentials, {
      endpoint: 'POST /api/servicedesk/requests/:ticketId/automation/verify',
      request: httpRequest,
      meta: { ticketId, taskId: claim.taskId },
    });
    const { db } = this.options;
    const number = parseTicketId(ticketId);
    const record = number !== undefined ? await db.requests.get(number) : undefined;
    if (!record) throw new NotFoundError(`No request ${ticketId}`);
    const templateRef = normalizeTemplateRef(claim.templateRef);
    const running = (await db.actions.forRequest(record.number)).filter(
      a => a.actionType === 'scaffolder-task' && a.status === 'running',
    );
    if (!record.autoResolution || running.length === 0) {
      throw new ConflictError(`${record.ticketId} is ${record.status} and has no running automation: nothing may act on it`);
    }
    const action = running.find(a => normalizeTemplateRef(a.actionData.templateRef) === templateRef);
    if (!action) {
      throw new ConflictError(
        `${record.ticketId}'s automation is ${running.map(a => a.actionData.templateRef).join(', ')}, not ${templateRef}`,
      );
    }
    if (action.taskId !== claim.taskId && !(await db.actions.bindTask(action.id, claim.taskId))) {
      const current = (await db.actions.forRequest(record.number)).find(a => a.id === action.id);
      if (current?.taskId !== claim.taskId) {
        throw new ConflictError(
          `${record.ticketId}'s automation is task ${current?.taskId ?? '(none)'}; task ${claim.taskId} must not act on it`,
        );
      }
    }
    return { ticketId: record.ticketId, templateRef, taskId: claim.taskId };
  }
}

function normalizeTemplateRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref.trim(), { defaultKind: 'template', defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}
