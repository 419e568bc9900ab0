import type { ScheduleRunView, ScheduleView } from '@portico/plugin-portico-common';
import type { ScheduleRecord, ScheduleRunRecord } from '../database/ScheduleStore';

const iso = (ms: number) => new Date(ms).toISOString();

export function runView(run: ScheduleRunRecord): ScheduleRunView {
  return {
    id: run.id,
    scheduleId: run.scheduleId,
    trigger: run.trigger,
    triggeredBy: run.triggeredBy,
    taskId: run.taskId,
    status: run.status,
    message: run.message,
    startedAt: iso(run.startedAt),
    finishedAt: run.finishedAt !== undefined ? iso(run.finishedAt) : undefined,
  };
}

export function scheduleView(schedule: ScheduleRecord, lastRun?: ScheduleRunRecord): ScheduleView {
  return {
    id: schedule.id,
    name: schedule.name,
    templateRef: schedule.templateRef,
    cron: schedule.cron,
    intervalMinutes: schedule.intervalMinutes,
    parameters: schedule.parameters,
    owner: schedule.owner,
    enabled: schedule.enabled,
    pausedReason: schedule.pausedReason,
    createdBy: schedule.createdBy,
    createdAt: iso(schedule.createdAt),
    updatedBy: schedule.updatedBy,
    updatedAt: iso(schedule.updatedAt),
    nextRunAt: schedule.nextRunAt !== undefined ? iso(schedule.nextRunAt) : undefined,
    lastRun: lastRun ? runView(lastRun) : undefined,
  };
}
