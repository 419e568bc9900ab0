import type {
  ServiceRequest,
  ServiceRequestSummary,
} from '@portico/plugin-servicedesk-common';
import type {
  PauseRecord,
  RequestRecord,
  ServicedeskStores,
} from '../../database/ServicedeskStore';
import type { Caller } from '../AccessService';
import type { Clock } from '../clock';
import { taskLogPath } from '../ScaffolderGateway';
import { slaView } from '../sla';
import { canMove, nextStatuses } from '../stateMachine';
import { rolesOf } from './ticketAccess';

/**
 * A ticket as the API answers it: the list's summary, and the full view for one caller (internal
 * comments for agents only, and what the caller may do next).
 */
export class TicketViews {
  constructor(
    private readonly options: {
      db: Pick<ServicedeskStores, 'requests' | 'actions'>;
      clock: Clock;
    },
  ) {}

  summary(
    record: RequestRecord,
    pauses: PauseRecord[],
    now: number,
  ): ServiceRequestSummary {
    return {
      ticketId: record.ticketId,
      serviceSlug: record.serviceSlug,
      serviceName: record.serviceName,
      team: record.team,
      title: record.title,
      priority: record.priority,
      status: record.status,
      requester: record.requesterRef ?? record.requesterEmail ?? 'unknown',
      ...(record.requesterEmail
        ? { requesterEmail: record.requesterEmail }
        : {}),
      ...(record.assignedTo ? { assignedTo: record.assignedTo } : {}),
      autoResolution: record.autoResolution,
      createdAt: new Date(record.createdAt).toISOString(),
      updatedAt: new Date(record.updatedAt).toISOString(),
      ...(record.resolvedAt !== undefined
        ? { resolvedAt: new Date(record.resolvedAt).toISOString() }
        : {}),
      sla: slaView(record, pauses, now),
    };
  }

  /** Re-reads the ticket: `stale` may predate the change that the caller just made. */
  async view(caller: Caller, stale: RequestRecord): Promise<ServiceRequest> {
    const { db } = this.options;
    const record = (await db.requests.get(stale.number)) ?? stale;
    const [pauses, actions, comments, history] = await Promise.all([
      db.requests.pauses(record.number),
      db.actions.forRequest(record.number),
      db.requests.comments(record.number),
      db.requests.history(record.number),
    ]);
    const roles = rolesOf(caller, record);
    const isAgent = roles.includes('agent');
    return {
      ...this.summary(record, pauses, this.options.clock.now()),
      ...(record.description ? { description: record.description } : {}),
      ...(record.requesterName ? { requesterName: record.requesterName } : {}),
      formData: record.formData,
      ...(record.resolutionNotes
        ? { resolutionNotes: record.resolutionNotes }
        : {}),
      createdBy: record.createdBy,
      actions: actions.map(action => ({
        id: action.id,
        actionType: action.actionType,
        templateRef: action.actionData.templateRef,
        ...(action.taskId
          ? { taskId: action.taskId, taskLogPath: taskLogPath(action.taskId) }
          : {}),
        status: action.status,
        executedBy: action.executedBy,
        executedAt: new Date(action.executedAt).toISOString(),
        ...(action.finishedAt !== undefined
          ? { finishedAt: new Date(action.finishedAt).toISOString() }
          : {}),
        ...(action.result ? { result: action.result } : {}),
        ...(action.errorMessage ? { errorMessage: action.errorMessage } : {}),
      })),
      comments: comments
        .filter(c => isAgent || c.visibility === 'public')
        .map(c => ({
          id: c.id,
          author: c.author,
          body: c.body,
          visibility: c.visibility,
          createdAt: new Date(c.createdAt).toISOString(),
        })),
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
