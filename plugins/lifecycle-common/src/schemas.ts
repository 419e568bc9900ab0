import { z } from 'zod';
import { DATA_CLASSES, ENVIRONMENTS } from './tags';

/** Largest page a list returns. */
export const MAX_PAGE_SIZE = 100;

const filterText = z.string().trim().min(1).max(255).optional();

export const resourceFilterSchema = z
  .object({
    owner: filterText,
    project: filterText,
    costCenter: filterText,
    environment: z.enum(ENVIRONMENTS).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
    offset: z.coerce.number().int().min(0).max(100000).default(0),
  })
  .strict();

export const expiringQuerySchema = resourceFilterSchema
  .extend({
    /** Expiring within this many hours (default a week); already expired ones are included. */
    withinHours: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  })
  .strict();

export const entityRefQuerySchema = z
  .object({
    entityRef: z
      .string()
      .trim()
      .max(255)
      .regex(/^resource:[a-z0-9-]+\/[a-z0-9][a-z0-9._-]*$/i, 'must be a resource ref such as resource:default/sandbox-x'),
  })
  .strict();

export const extendSchema = z
  .object({
    entityRef: entityRefQuerySchema.shape.entityRef,
    days: z.number().int().min(1).max(30),
    reason: z.string().trim().min(3, 'must say why (3 characters at least)').max(500),
  })
  .strict();

export const provisionSchema = z
  .object({
    entityRef: entityRefQuerySchema.shape.entityRef,
    type: z.string().trim().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a resource type such as namespace'),
    parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

export const advanceClockSchema = z
  .object({ advanceMs: z.number().int().min(0).max(400 * 24 * 3600 * 1000) })
  .strict();

export const dataClassSchema = z.enum(DATA_CLASSES);

export type ResourceFilter = z.infer<typeof resourceFilterSchema>;
export type ExpiringQuery = z.infer<typeof expiringQuerySchema>;
export type ExtendRequest = z.infer<typeof extendSchema>;
export type ProvisionRequest = z.infer<typeof provisionSchema>;

/** `POST /executions/:id/verify`: what the lifecycle template's first step claims about its task. */
export const executionVerificationSchema = z
  .object({
    operation: z.enum(['provision', 'teardown']),
    entityRef: z.string().trim().min(3).max(255),
    templateRef: z.string().trim().min(3).max(255),
    taskId: z.string().trim().min(1).max(64),
  })
  .strict();
