import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ActionRecord, RequestRecord, ServicedeskDatabase } from '../database/ServicedeskStore';
import type { Clock } from './clock';
import { EventPublisher, requestEvent, SYSTEM_ACTOR } from './events';
import type { Notifier } from './Notifier';
import { ScaffolderGateway, taskLogPath } from './ScaffolderGateway';
import { clockPatch, syncPauseRows } from './ticketClock';

/** A running action without a task after this long lost its start (a crash): it failed. */
const START_GRACE_MS = 5 * 60_000;

/** The resolution notes of a ticket from its task's output. */
export function resolutionFrom(output: Record<string, unknown>, templateRef: string): string {
  if (typeof output.summary === 'string' && output.summary.trim()) return output.summary.trim();
  const texts = Array.isArray(output.text)
    ? (output.text as Array<{ title?: string; content?: string }>)
        .map(t => [t.title, t.content].filter(Boolean).join(': '))
        .filter(Boolean)
    : [];
  return texts.length ? texts.join('\n') : `Done by ${templateRef}.`;
}

/**
 * Runs the automation of auto services: starts the template's task as the service desk itself (the
 * requester is in its values), then follows it (a scheduled task, so that a restart loses nothing) and
 * resolves the ticket with the task's output, or hands it to the team when it fails.
 */
export class AutomationService {
  constructor(
    private readonly options: {
      db: ServicedeskDatabase;
      events: EventPublisher;
      gateway: ScaffolderGateway;
      notifier: Notifier;
      logger: LoggerService;
      clock: Clock;
    },
  ) {}

  async start(request: RequestRecord, action: ActionRecord): Promise<void> {
    try {
      const taskId = await this.options.gateway.startTask(
        action.actionData.templateRef,
        action.actionData.values,
      );
      // The task's first step may have bound itself already (servicedesk:request:verify).
      await this.options.db.actions.bindTask(action.id, taskId);
      this.options.logger.info(`${request.ticketId}: task ${taskId} of ${action.actionData.templateRef} started`);
    } catch (error) {
      await this.fail(action, `Could not start ${action.actionData.templateRef}: ${(error as Error).message}`);
    }
  }

  /** One pass over the running actions; the scheduler calls it every few seconds. */
  async followRunning(): Promise<void> {
    const running = await this.options.db.actions.running(50);
    for (const action of running) {
      try {
        if (!action.taskId) {
          if (this.options.clock.now() - action.executedAt > START_GRACE_MS) {
            await this.fail(action, 'The task never started (the service desk stopped while starting it)');
          }
          continue;
        }
        const outcome = await this.options.gateway.outcome(action.taskId);
        if (outcome.status === 'completed') await this.succeed(action, outcome.output);
        else if (outcome.status === 'failed') await this.fail(action, outcome.error);
      } catch (error) {
        const status = (error as { response?: { status?: number } }).response?.status;
        if (status === 404) await this.fail(action, `Task ${action.taskId} no longer exists`);
        else this.options.logger.warn(`Could not follow task ${action.taskId}: ${error}`);
      }
    }
  }

  private async succeed(action: ActionRecord, output: Record<string, unknown>): Promise<void> {
    const { db, events } = this.options;
    const notes = resolutionFrom(output, action.actionData.templateRef);
    const resolved = await db.transaction(async tx => {
      const now = this.options.clock.now();
      if (!(await tx.actions.finish(action.id, { status: 'succeeded', finishedAt: now, result: output }))) return undefined;
      const request = (await tx.requests.getForUpdate(action.requestNumber))!;
      const published = [
        requestEvent('action-succeeded', SYSTEM_ACTOR, request, { actionId: action.id, taskId: action.taskId, templateRef: action.actionData.templateRef }),
      ];
      // Cancelled while it ran: the action's end is recorded, the ticket stays as it is.
      if (request.status !== 'in_progress') {
        await events.publish(tx.trx, ...published);
        return undefined;
      }
      const patch = { status: 'resolved' as const, updatedAt: now, resolutionNotes: notes, ...clockPatch(request, 'resolved', now) };
      await tx.requests.update(request.number, patch);
      const after = { ...request, ...patch };
      await syncPauseRows(tx, request, after, now);
      await tx.requests.addHistory(request.number, {
        fromStatus: request.status,
        toStatus: 'resolved',
        actor: SYSTEM_ACTOR,
        note: `Resolved by task ${action.taskId}`,
        at: now,
      });
      published.push(requestEvent('request-resolved', SYSTEM_ACTOR, after, { resolutionNotes: notes, slaMet: after.slaMet }));
      await events.publish(tx.trx, ...published);
      return after;
    });
    if (resolved) await this.options.notifier.resolved(resolved);
  }

  /** The action failed: its error is recorded and the ticket waits in the team's queue. */
  async fail(action: ActionRecord, error: string): Promise<void> {
    const { db, events } = this.options;
    const message = error.slice(0, 4000);
    const failed = await db.transaction(async tx => {
      const now = this.options.clock.now();
      if (!(await tx.actions.finish(action.id, { status: 'failed', finishedAt: now, errorMessage: message }))) return undefined;
      const request = (await tx.requests.getForUpdate(action.requestNumber))!;
      const published = [
        requestEvent('action-failed', SYSTEM_ACTOR, request, {
          actionId: action.id,
          taskId: action.taskId,
          templateRef: action.actionData.templateRef,
          error: message,
          ...(action.taskId ? { taskLog: taskLogPath(action.taskId) } : {}),
        }),
      ];
      if (request.status !== 'in_progress') {
        await events.publish(tx.trx, ...published);
        return undefined;
      }
      // The automation's time did not count; from now on the team's clock runs.
      const patch = { status: 'failed' as const, updatedAt: now, assignedTo: undefined, ...clockPatch(request, 'failed', now) };
      await tx.requests.update(request.number, patch);
      const after = { ...request, ...patch };
      await syncPauseRows(tx, request, after, now);
      await tx.requests.addHistory(request.number, {
        fromStatus: request.status,
        toStatus: 'failed',
        actor: SYSTEM_ACTOR,
        note: action.taskId
          ? `Automation failed: ${message} (task log: ${taskLogPath(action.taskId)})`
          : `Automation failed: ${message}`,
        at: now,
      });
      await events.publish(tx.trx, ...published);
      return after;
    });
    if (failed) await this.options.notifier.automationFailed(failed, message);
  }
}
