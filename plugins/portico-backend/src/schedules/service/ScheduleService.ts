import type { JsonObject } from '@backstage/types';
import { randomUUID } from 'node:crypto';
import type { AuditorService, BackstageCredentials, BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  Page,
  ScheduleCreate,
  ScheduleRunView,
  ScheduleUpdate,
  ScheduleView,
} from '@portico/plugin-portico-common';
import type { ScheduleDatabase, SchedulePatch, ScheduleRecord } from '../database/ScheduleStore';
import type { Clock, ScheduleRunner } from './ScheduleRunner';
import type { TemplateGate } from './TemplateGate';
import { checkCron, nextRunAfter } from './triggers';
import { runView, scheduleView } from './views';

export type Actor = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Portal admins' schedules. Every change is made by a person who can run the template
 * themselves at that moment (TemplateGate), and records them as `updatedBy`: the person who
 * vouches for the schedule until someone else changes it.
 */
export class ScheduleService {
  constructor(
    private readonly options: {
      db: ScheduleDatabase;
      gate: TemplateGate;
      runner: ScheduleRunner;
      auditor: AuditorService;
      clock: Clock;
    },
  ) {}

  async list(page: { limit: number; offset: number }): Promise<Page<ScheduleView>> {
    const { db } = this.options;
    const schedules = await db.schedules.list(page);
    const latest = await db.runs.latest(schedules.items.map(s => s.id));
    return { ...schedules, items: schedules.items.map(s => scheduleView(s, latest.get(s.id))) };
  }

  async get(id: string): Promise<ScheduleView> {
    const schedule = await this.load(id);
    const [lastRun] = await this.options.db.runs.forSchedule(id, 1);
    return scheduleView(schedule, lastRun);
  }

  async runs(id: string, limit: number): Promise<{ items: ScheduleRunView[] }> {
    await this.load(id);
    return { items: (await this.options.db.runs.forSchedule(id, limit)).map(runView) };
  }

  async create(actor: Actor, input: ScheduleCreate): Promise<ScheduleView> {
    const { db, gate, clock } = this.options;
    if (input.cron) checkCron(input.cron);
    const templateRef = await gate.checkForUser(input.templateRef, actor);
    const now = clock.now();
    const user = actor.principal.userEntityRef;
    const record: ScheduleRecord = {
      id: randomUUID(),
      name: input.name,
      templateRef,
      cron: input.cron?.trim(),
      intervalMinutes: input.intervalMinutes,
      parameters: input.parameters,
      owner: (input.owner ?? user).toLocaleLowerCase('en-US'),
      enabled: input.enabled,
      createdBy: user,
      createdAt: now,
      updatedBy: user,
      updatedAt: now,
      nextRunAt: input.enabled ? nextRunAfter(input, now) : undefined,
    };
    if (await this.nameTaken(record.name)) throw new ConflictError(`name: a schedule named ${record.name} exists`);
    await db.schedules.insert(record);
    await this.audit('schedule-create', { scheduleId: record.id, templateRef, actor: user });
    return scheduleView(record);
  }

  async update(actor: Actor, id: string, input: ScheduleUpdate): Promise<ScheduleView> {
    const { db, gate, clock } = this.options;
    const current = await this.load(id);
    if (input.cron) checkCron(input.cron);
    // Whoever changes a schedule vouches for it from now on, so they must be able to run it.
    await gate.checkForUser(current.templateRef, actor);
    if (input.name && input.name !== current.name && (await this.nameTaken(input.name))) {
      throw new ConflictError(`name: a schedule named ${input.name} exists`);
    }
    const now = clock.now();
    let trigger: { cron?: string; intervalMinutes?: number } = { cron: current.cron, intervalMinutes: current.intervalMinutes };
    if (input.cron !== undefined) trigger = { cron: input.cron.trim(), intervalMinutes: undefined };
    else if (input.intervalMinutes !== undefined) trigger = { cron: undefined, intervalMinutes: input.intervalMinutes };
    const enabled = input.enabled ?? current.enabled;
    const patch: SchedulePatch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.parameters !== undefined ? { parameters: input.parameters } : {}),
      ...(input.owner !== undefined ? { owner: input.owner.toLocaleLowerCase('en-US') } : {}),
      ...trigger,
      enabled,
      // Enabling clears the reason the runner paused it; the next run counts from now.
      pausedReason: enabled ? undefined : current.pausedReason,
      nextRunAt: enabled ? nextRunAfter(trigger, now) : undefined,
      updatedBy: actor.principal.userEntityRef,
      updatedAt: now,
    };
    if (!(await db.schedules.update(id, patch))) throw new NotFoundError(`No schedule ${id}`);
    await this.audit('schedule-update', { scheduleId: id, changed: Object.keys(input), actor: actor.principal.userEntityRef });
    return this.get(id);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    if (!(await this.options.db.schedules.delete(id))) throw new NotFoundError(`No schedule ${id}`);
    await this.audit('schedule-delete', { scheduleId: id, actor: actor.principal.userEntityRef });
  }

  /** Runs it now, whether enabled or not; the person asking must be able to run the template. */
  async runNow(actor: Actor, id: string): Promise<ScheduleRunView> {
    const schedule = await this.load(id);
    await this.options.gate.checkForUser(schedule.templateRef, actor);
    const run = await this.options.runner.start(schedule, 'manual', actor.principal.userEntityRef);
    return runView(run);
  }

  private async load(id: string): Promise<ScheduleRecord> {
    const schedule = await this.options.db.schedules.get(id);
    if (!schedule) throw new NotFoundError(`No schedule ${id}`);
    return schedule;
  }

  private async nameTaken(name: string): Promise<boolean> {
    // The unique index is the last word; this gives the 409 its field name first.
    return Boolean(await this.options.db.schedules.byName(name));
  }

  private async audit(eventId: string, meta: JsonObject) {
    const audit = await this.options.auditor.createEvent({ eventId, severityLevel: 'medium', meta });
    await audit.success();
  }
}
