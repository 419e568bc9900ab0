import { z } from 'zod';
import { pageQuerySchema } from '@portico/plugin-portico-common';
import { ENVIRONMENTS } from './plans';
import { SUBSCRIPTION_STATES } from './types';

export { MAX_PAGE_SIZE, pageQuerySchema } from '@portico/plugin-portico-common';

const environments = z.array(z.enum(ENVIRONMENTS)).min(1).max(3);
const entityRef = (kind: string) =>
  z
    .string()
    .max(255)
    .regex(
      new RegExp(`^(${kind}:)?([a-z0-9-]+/)?[a-zA-Z0-9][a-zA-Z0-9._-]*$`, 'i'),
      `must be a ${kind} entity ref such as ${kind}:default/name`,
    );


export const listApisQuerySchema = pageQuerySchema
  .extend({
    search: z.string().max(100).optional(),
    owner: z.string().max(255).optional(),
    system: z.string().max(255).optional(),
    lifecycle: z.string().max(50).optional(),
    type: z.string().max(50).optional(),
    tag: z.string().max(50).optional(),
  })
  .strict();

export const createApplicationSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(3)
      .max(63)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
    description: z.string().trim().max(1000).optional(),
    owner: entityRef('group'),
    environments,
  })
  .strict();
export type CreateApplicationRequest = z.infer<typeof createApplicationSchema>;

export const updateApplicationSchema = z
  .object({
    description: z.string().trim().max(1000).optional(),
    environments: environments.optional(),
  })
  .strict();
export type UpdateApplicationRequest = z.infer<typeof updateApplicationSchema>;

export const listApplicationsQuerySchema = pageQuerySchema
  .extend({
    owner: entityRef('group').optional(),
    /** Only applications owned by one of the caller's groups. */
    mine: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const createSubscriptionSchema = z
  .object({
    applicationId: z.uuid(),
    apiRef: entityRef('api'),
    plan: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
    environment: z.enum(ENVIRONMENTS),
  })
  .strict();
export type CreateSubscriptionRequest = z.infer<typeof createSubscriptionSchema>;

export const listSubscriptionsQuerySchema = pageQuerySchema
  .extend({
    applicationId: z.uuid().optional(),
    apiRef: entityRef('api').optional(),
    state: z.enum(SUBSCRIPTION_STATES).optional(),
    /** Pending subscriptions the caller may approve or reject. */
    awaitingMyDecision: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const decisionSchema = z
  .object({ comment: z.string().trim().max(2000).optional() })
  .strict();
export const rejectionSchema = z
  .object({ comment: z.string().trim().min(1, 'a rejection needs a comment').max(2000) })
  .strict();

export const createKeySchema = z
  .object({
    environment: z.enum(ENVIRONMENTS),
    /** No expiry when absent. */
    expiresInDays: z.number().int().min(1).max(730).optional(),
  })
  .strict();
export type CreateKeyRequest = z.infer<typeof createKeySchema>;

export const rotateKeySchema = z
  .object({
    /** How long the old key keeps working; default from config (24 h). */
    graceHours: z.number().min(0).max(24 * 30).optional(),
  })
  .strict();

export const verifyKeySchema = z
  .object({
    key: z.string().min(1).max(200),
    /**
     * The environment the gateway serves; a key of another environment is refused. Required: a
     * gateway that forgot it would accept production keys in sandbox and the other way round.
     */
    environment: z.enum(ENVIRONMENTS),
    /** When given, only the subscription to that API is returned (and one must exist). */
    apiRef: entityRef('api').optional(),
  })
  .strict();

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export const tryItRequestSchema = z
  .object({
    apiRef: entityRef('api'),
    applicationId: z.uuid(),
    environment: z.enum(ENVIRONMENTS),
    /** One of the servers the definition declares for that environment. */
    serverUrl: z.url().max(500),
    method: z.enum(HTTP_METHODS),
    /** The operation's path with its parameters filled in, e.g. `/payments/pay_123`. */
    path: z.string().max(2000).regex(/^\//, 'must start with /'),
    query: z.record(z.string().max(200), z.string().max(2000)).optional(),
    headers: z.record(z.string().max(200), z.string().max(4000)).optional(),
    body: z.string().max(1_000_000).optional(),
  })
  .strict();
export type TryItRequest = z.infer<typeof tryItRequestSchema>;

export const codeSamplesRequestSchema = tryItRequestSchema
  .omit({ applicationId: true })
  .extend({ applicationId: z.uuid().optional() })
  .strict();
export type CodeSamplesRequest = z.infer<typeof codeSamplesRequestSchema>;

/** Turns the first zod issue into "field: message", the shape of every APIM (and Portico) 400. */
export { describeZodError } from '@portico/plugin-portico-common';
