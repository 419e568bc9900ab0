import { InputError } from '@backstage/errors';
import { CronTime } from 'cron';

export interface Trigger {
  cron?: string;
  intervalMinutes?: number;
}

/** Throws a 400 naming `cron` when the expression is not one the scheduler can run. */
export function checkCron(cron: string): void {
  try {
    new CronTime(cron.trim(), 'UTC').getNextDateFrom(new Date(0));
  } catch (error) {
    throw new InputError(`cron: not a valid cron expression (${(error as Error).message})`);
  }
}

/**
 * When a schedule runs next after `from`: the next cron match (UTC), or `from` plus the interval.
 * An interval counts from the run that was due, not from when the runner saw it, so that a late
 * tick does not shift every later run.
 */
export function nextRunAfter(trigger: Trigger, from: number): number {
  if (trigger.cron) {
    return new CronTime(trigger.cron.trim(), 'UTC').getNextDateFrom(new Date(from)).toMillis();
  }
  if (trigger.intervalMinutes) return from + trigger.intervalMinutes * 60_000;
  throw new Error('A schedule has neither cron nor intervalMinutes');
}

/** The next run strictly after `now` for a schedule that was due at `dueAt` (skips missed runs). */
export function nextRunAfterDue(trigger: Trigger, dueAt: number, now: number): number {
  let next = nextRunAfter(trigger, dueAt);
  if (next <= now) next = nextRunAfter(trigger, now);
  return next;
}
