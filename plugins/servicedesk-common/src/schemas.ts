import { z } from 'zod';
import { pageQuerySchema } from '@portico/plugin-portico-common';
import { PRIORITIES, STATUSES } from './types';

export { MAX_PAGE_SIZE } from '@portico/plugin-portico-common';

const slug = z
  .string()
  .trim()
  .min(2)
  .max(63)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, dashes and underscores');

const entityRef = (kind: string) =>
  z
    .string()
    .trim()
    .max(255)
    .regex(
      new RegExp(`^(${kind}:)?([a-z0-9-]+/)?[a-zA-Z0-9][a-zA-Z0-9._-]*$`, 'i'),
      `must be a ${kind} entity ref such as ${kind}:default/name`,
    );

/**
 * A new request. Users of the portal send `service`, `title`, `priority`, `description` and
 * `formData` (the service's form). Service callers (the seed's form trigger) send the seed's
 * body: `requester_email`, `service`, `title`, `description`, `priority`.
 */
export const createRequestSchema = z
  .object({
    service: slug,
    title: z.string().trim().min(3).max(200),
    description: z.string().trim().max(5000).optional(),
    priority: z.enum(PRIORITIES).default('medium'),
    formData: z.record(z.string(), z.unknown()).default({}),
    requester_email: z.email().max(255).optional(),
  })
  .strict();
export type CreateRequestBody = z.input<typeof createRequestSchema>;
export type CreateRequest = z.infer<typeof createRequestSchema>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform(value => value.split(',').map(v => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const listRequestsQuerySchema = z
  .object({
    /** mine: requests the caller filed; queue: tickets of the caller's teams (agents). */
    scope: z.enum(['mine', 'queue']).default('mine'),
    team: entityRef('group').optional(),
    status: csv(STATUSES).optional(),
    priority: csv(PRIORITIES).optional(),
    service: slug.optional(),
    /** `me`, `unassigned` or a user ref. */
    assignee: z.string().trim().max(255).optional(),
    overdue: z.enum(['true', 'false']).optional(),
  })
  .extend(pageQuerySchema.shape)
  .strict();
export type ListRequestsQuery = z.infer<typeof listRequestsQuerySchema>;

export const assignRequestSchema = z
  .object({ assignee: entityRef('user') })
  .strict();

export const commentSchema = z
  .object({
    body: z.string().trim().min(1).max(10_000),
    visibility: z.enum(['public', 'internal']).default('public'),
  })
  .strict();
export type CommentBody = z.input<typeof commentSchema>;

export const changeStatusSchema = z
  .object({
    status: z.enum(STATUSES),
    /** Resolution notes when resolving; a reason otherwise. */
    note: z.string().trim().max(5000).optional(),
  })
  .strict();
export type ChangeStatusBody = z.input<typeof changeStatusSchema>;

/** A service as portal admins add or edit it. */
export const serviceInputSchema = z
  .object({
    slug,
    name: z.string().trim().min(2).max(120),
    description: z.string().trim().max(2000).default(''),
    category: z.string().trim().min(1).max(40),
    team: entityRef('group'),
    slaHours: z.number().positive().max(24 * 90),
    autoExecutable: z.boolean(),
    workflowRef: entityRef('template').optional(),
    formSchema: z
      .record(z.string(), z.unknown())
      .refine(schema => schema.type === 'object', 'must be a JSON schema with "type": "object"'),
    requiredPermissions: z.array(z.string().max(100)).max(20).default([]),
    active: z.boolean().default(true),
  })
  .strict()
  .refine(service => !service.autoExecutable || !!service.workflowRef, {
    path: ['workflowRef'],
    message: 'an auto-executable service needs a workflow (a template ref)',
  });
export type ServiceInput = z.input<typeof serviceInputSchema>;

/**
 * What the first step of an auto-fulfilment template (`servicedesk:request:verify`) claims:
 * the template it runs and its task id.
 */
export const automationVerificationSchema = z
  .object({
    templateRef: z.string().trim().min(1).max(255),
    taskId: z.string().trim().min(1).max(64),
  })
  .strict();
export type AutomationVerification = z.infer<typeof automationVerificationSchema>;
