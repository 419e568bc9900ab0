import { z } from 'zod';
import { pageQuerySchema } from '@portico/plugin-portico-common';
import { ATTEMPT_STATUSES, PROMOTION_STATES } from './types';

export { MAX_PAGE_SIZE } from '@portico/plugin-portico-common';

const componentRef = z
  .string()
  .trim()
  .max(255)
  .regex(
    /^(component:)?([a-z0-9-]+\/)?[a-zA-Z0-9][a-zA-Z0-9._-]*$/i,
    'must be a component entity ref such as component:default/payments-gateway',
  );

const environment = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must be an environment name such as STAGING or PROD')
  .transform(value => value.toUpperCase());

const isoDate = z
  .string()
  .refine(value => !Number.isNaN(Date.parse(value)), 'must be a date and time (ISO 8601)');

export const changeWindowSchema = z
  .object({ start: isoDate, end: isoDate })
  .strict()
  .refine(w => Date.parse(w.end) > Date.parse(w.start), {
    message: 'must end after it starts',
    path: ['end'],
  });

export const createPromotionSchema = z
  .object({
    componentRef,
    version: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._+:@/-]*$/, 'a version, tag or artifact reference without spaces'),
    gitRef: z.string().trim().min(1).max(255).optional(),
    fromEnvironment: environment.optional(),
    toEnvironment: environment.optional(),
    justification: z.string().trim().min(10, 'say why, in at least 10 characters').max(2000),
    rollbackPlan: z.string().trim().min(10, 'say how to roll back, in at least 10 characters').max(2000),
    changeWindow: changeWindowSchema.optional(),
  })
  .strict();
export type CreatePromotionRequest = z.input<typeof createPromotionSchema>;

export const approvalSchema = z
  .object({ comment: z.string().trim().max(2000).optional() })
  .strict();

/** A rejection always says why. */
export const rejectionSchema = z
  .object({ comment: z.string().trim().min(1, 'a rejection says why').max(2000) })
  .strict();

export const retrySchema = approvalSchema;

const booleanQuery = z.enum(['true', 'false']).optional();

export const listPromotionsQuerySchema = z
  .object({
    state: z.enum(PROMOTION_STATES).optional(),
    componentRef: componentRef.optional(),
    tenant: z.string().trim().max(63).optional(),
    /** Requests the caller made. */
    mine: booleanQuery,
    /** Pending requests the caller may approve (their tenant, not their own, not yet approved by them). */
    awaitingMyApproval: booleanQuery,
  })
  .extend(pageQuerySchema.shape)
  .strict();
export type ListPromotionsQuery = z.infer<typeof listPromotionsQuerySchema>;

/**
 * What an external executor (AWX or alike) reports on one attempt. The same report twice
 * changes nothing; a finished attempt does not change its outcome.
 */
export const deploymentReportSchema = z
  .object({
    attemptId: z.uuid(),
    status: z.enum(ATTEMPT_STATUSES.filter(s => s !== 'requested') as ['running', 'succeeded', 'failed']),
    logsUrl: z.url().max(2000).optional(),
    externalId: z.string().trim().max(255).optional(),
    message: z.string().trim().max(2000).optional(),
  })
  .strict();
export type DeploymentReport = z.infer<typeof deploymentReportSchema>;

/**
 * What the first step of a deployment template (`promotions:attempt:verify`) claims about the
 * task it runs in: the promotions backend answers only if an approved attempt matches it, and
 * binds the attempt to that one task (a second task for the same attempt is refused).
 */
export const attemptVerificationSchema = z
  .object({
    requestId: z.uuid(),
    taskId: z.string().trim().min(1).max(64),
    componentRef: z.string().trim().min(1).max(255),
    version: z.string().trim().min(1).max(128),
    toEnvironment: z.string().trim().min(1).max(32),
  })
  .strict();
export type AttemptVerification = z.infer<typeof attemptVerificationSchema>;

/** The answer to a verification: the attempt the task may deploy. */
export interface VerifiedAttempt {
  requestId: string;
  attemptId: string;
  attempt: number;
  componentRef: string;
  version: string;
  toEnvironment: string;
  taskId: string;
}
