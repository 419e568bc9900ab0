import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../paging';

/**
 * The annotation that lets a template be scheduled. Templates come only from the operator's
 * templates location (catalog rules), so the operator decides which templates may run on a
 * schedule with the portal's service principal.
 */
export const SCHEDULABLE_ANNOTATION = 'portico.io/schedulable';

/** Five cron fields (minute hour day-of-month month day-of-week), as Backstage's scheduler takes them. */
const CRON = /^\s*\S+(\s+\S+){4}\s*$/;

const templateRef = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^(template:)?([a-z0-9-_.]+\/)?[a-z0-9-_.]+$/i, 'must be a template ref such as template:default/trivy-scan');

const ownerRef = z
  .string()
  .trim()
  .max(255)
  .regex(/^(user|group):([a-z0-9-_.]+\/)?[a-z0-9-_.]+$/i, 'must be a user or group ref such as group:default/security');

/** Fixed values the template runs with: scalars only, never secrets (admins read them back). */
const parameters = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'parameter names are identifiers'),
    z.union([z.string().max(2000), z.number(), z.boolean()]),
  )
  .refine(value => Object.keys(value).length <= 50, 'at most 50 parameters');

const name = z.string().trim().min(3).max(100);
const cron = z.string().max(100).regex(CRON, 'must have five fields: minute hour day-of-month month day-of-week');
const intervalMinutes = z.number().int().min(5).max(60 * 24 * 31);

/** `POST /schedules`. Exactly one of `cron` (UTC) and `intervalMinutes`. */
export const scheduleCreateSchema = z
  .object({
    name,
    templateRef,
    cron: cron.optional(),
    intervalMinutes: intervalMinutes.optional(),
    parameters: parameters.default({}),
    owner: ownerRef.optional(),
    enabled: z.boolean().default(false),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.cron === undefined) === (value.intervalMinutes === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['cron'], message: 'give exactly one of cron and intervalMinutes' });
    }
  });

/** `PATCH /schedules/:id`. Giving `cron` clears `intervalMinutes` and the reverse. */
export const scheduleUpdateSchema = z
  .object({
    name: name.optional(),
    cron: cron.optional(),
    intervalMinutes: intervalMinutes.optional(),
    parameters: parameters.optional(),
    owner: ownerRef.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.cron !== undefined && value.intervalMinutes !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['cron'], message: 'give at most one of cron and intervalMinutes' });
    }
    if (Object.keys(value).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'nothing to change' });
    }
  });

export const scheduleListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const scheduleRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

export type ScheduleCreate = z.infer<typeof scheduleCreateSchema>;
export type ScheduleUpdate = z.infer<typeof scheduleUpdateSchema>;

export type ScheduleRunStatus = 'starting' | 'running' | 'succeeded' | 'failed';

/** One run of a schedule: the scaffolder task it started and how it ended. */
export interface ScheduleRunView {
  id: string;
  scheduleId: string;
  trigger: 'schedule' | 'manual';
  /** Who asked for a manual run; the scheduler for scheduled ones. */
  triggeredBy: string;
  taskId?: string;
  status: ScheduleRunStatus;
  message?: string;
  startedAt: string;
  finishedAt?: string;
}

export interface ScheduleView {
  id: string;
  name: string;
  templateRef: string;
  cron?: string;
  intervalMinutes?: number;
  parameters: Record<string, string | number | boolean>;
  owner: string;
  enabled: boolean;
  /** Why the runner paused it (the template lost its annotation, the owner left), if it did. */
  pausedReason?: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  nextRunAt?: string;
  lastRun?: ScheduleRunView;
}
