import type { JsonObject } from '@backstage/types';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationOutbox } from '@portico/portico-node';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type { ScheduleDatabase, ScheduleRecord, ScheduleRunRecord } from '../database/ScheduleStore';
import type { ScheduleTaskRunner } from './ScaffolderTasks';
import type { TemplateGate } from './TemplateGate';
import { nextRunAfterDue } from './triggers';

/** The portal's service principal, which starts every scheduled task. */
export const SCHEDULE_PRINCIPAL = 'plugin:portico';

/** A run still `starting` after this long lost its runner between the claim and the task. */
const START_GRACE_MS = 10 * 60_000;
const BATCH = 20;

export interface Clock {
  now(): number;
}

/**
 * Starts the schedules that are due and follows the tasks they started. It runs as one global
 * scheduler task (one runner across replicas); on top of that each start is claimed by moving
 * the schedule's next run with a compare-and-set, so that two runners that overlap (a slow tick
 * and the next) still start it once.
 */
export class ScheduleRunner {
  constructor(
    private readonly options: {
      db: ScheduleDatabase;
      gate: TemplateGate;
      tasks: ScheduleTaskRunner;
      notices: NotificationOutbox;
      auditor: AuditorService;
      logger: LoggerService;
      clock: Clock;
    },
  ) {}

  /** One pass: start what is due, then follow what runs. */
  async tick(): Promise<{ started: number; finished: number }> {
    const started = await this.startDue();
    const finished = await this.followRunning();
    return { started, finished };
  }

  async startDue(): Promise<number> {
    const { db, clock } = this.options;
    const now = clock.now();
    let started = 0;
    for (const schedule of await db.schedules.due(now, BATCH)) {
      const dueAt = schedule.nextRunAt!;
      const next = nextRunAfterDue(schedule, dueAt, now);
      if (!(await db.schedules.claim(schedule.id, dueAt, next))) continue;
      await this.start({ ...schedule, nextRunAt: next }, 'schedule', SCHEDULE_PRINCIPAL);
      started++;
    }
    return started;
  }

  /**
   * Starts one run now. Template and owner are checked as the portal before the task starts; a
   * refusal pauses the schedule with the reason and tells its owner.
   */
  async start(schedule: ScheduleRecord, trigger: 'schedule' | 'manual', triggeredBy: string): Promise<ScheduleRunRecord> {
    const { db, gate, tasks, clock, logger } = this.options;
    const run: ScheduleRunRecord = {
      id: randomUUID(),
      scheduleId: schedule.id,
      trigger,
      triggeredBy,
      status: 'starting',
      startedAt: clock.now(),
    };
    await db.runs.insert(run);
    let refusal: string | undefined;
    try {
      refusal = await gate.refusalForRun(schedule);
    } catch (error) {
      // Fail closed: a gate that cannot answer does not let the run start.
      return this.fail(schedule, run, `Could not check the template: ${(error as Error).message}`);
    }
    if (refusal) return this.fail(schedule, run, `Paused: ${refusal}`, true);
    try {
      const taskId = await tasks.start(schedule.templateRef, schedule.parameters);
      await db.runs.update(run.id, { taskId, status: 'running' });
      logger.info(`Schedule ${schedule.name}: task ${taskId} of ${schedule.templateRef} started`);
      await this.audit('schedule-run-start', 'medium', { scheduleId: schedule.id, runId: run.id, taskId, trigger, triggeredBy });
      return { ...run, taskId, status: 'running' };
    } catch (error) {
      return this.fail(schedule, run, `Could not start ${schedule.templateRef}: ${(error as Error).message}`);
    }
  }

  async followRunning(): Promise<number> {
    const { db, tasks, clock, logger } = this.options;
    let finished = 0;
    for (const run of await db.runs.unfinished(50)) {
      const schedule = await db.schedules.get(run.scheduleId);
      if (!schedule) continue;
      if (!run.taskId) {
        if (clock.now() - run.startedAt > START_GRACE_MS) {
          await this.fail(schedule, run, 'The task never started (the portal stopped while starting it)');
          finished++;
        }
        continue;
      }
      try {
        const outcome = await tasks.outcome(run.taskId);
        if (outcome.status === 'running') continue;
        if (outcome.status === 'succeeded') {
          await db.runs.update(run.id, { status: 'succeeded', finishedAt: clock.now() });
        } else {
          const message = outcome.status === 'gone' ? `Task ${run.taskId} no longer exists` : outcome.message;
          await this.fail(schedule, run, message);
        }
        finished++;
      } catch (error) {
        logger.warn(`Could not follow task ${run.taskId} of schedule ${schedule.name}: ${error}`);
      }
    }
    return finished;
  }

  /** Marks the run failed, pauses the schedule if asked, and queues the owner's notice, in one commit. */
  private async fail(schedule: ScheduleRecord, run: ScheduleRunRecord, message: string, pause = false): Promise<ScheduleRunRecord> {
    const { db, notices, clock, logger } = this.options;
    const now = clock.now();
    const done = await db.transaction(async tx => {
      if (!(await tx.runs.update(run.id, { status: 'failed', message, finishedAt: now }))) return false;
      if (pause) {
        await tx.schedules.update(schedule.id, { enabled: false, pausedReason: message, nextRunAt: undefined });
      }
      await notices.enqueue(tx.trx as Knex.Transaction, failureEvent(schedule, run, now), {
        recipients: { entities: [schedule.owner] },
        title: `Scheduled run of ${schedule.name} failed`,
        description: message,
        link: run.taskId ? `/create/tasks/${run.taskId}` : '/schedules',
        severity: 'high',
      });
      return true;
    });
    if (done) {
      logger.warn(`Schedule ${schedule.name}: run ${run.id} failed: ${message}`);
      await this.audit('schedule-run-failed', 'medium', { scheduleId: schedule.id, runId: run.id, taskId: run.taskId, message, paused: pause });
    }
    return { ...run, status: 'failed', message, finishedAt: now };
  }

  private async audit(eventId: string, severityLevel: 'low' | 'medium', meta: JsonObject) {
    const audit = await this.options.auditor.createEvent({ eventId, severityLevel, meta });
    await audit.success();
  }
}

/** The notice rides the notification outbox, which speaks Portico events. */
function failureEvent(schedule: ScheduleRecord, run: ScheduleRunRecord, now: number): PorticoEvent {
  return {
    id: run.id,
    topic: 'notifications',
    type: 'notification-requested',
    occurredAt: new Date(now).toISOString(),
    actor: SCHEDULE_PRINCIPAL,
    subject: `schedule:${schedule.id}`,
    data: { scheduleId: schedule.id, runId: run.id, taskId: run.taskId },
    traceId: run.id,
  };
}
