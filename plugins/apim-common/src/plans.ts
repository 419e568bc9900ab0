import { parse } from 'yaml';
import { z } from 'zod';

/** The annotation on an API entity that holds its plans, as YAML. */
export const PLANS_ANNOTATION = 'portico.io/plans';

export const ENVIRONMENTS = ['sandbox', 'staging', 'production'] as const;
export type ApimEnvironment = (typeof ENVIRONMENTS)[number];

/**
 * A plan an API's owners offer, declared in their catalog YAML:
 *
 * ```yaml
 * metadata:
 *   annotations:
 *     portico.io/plans: |
 *       - name: free
 *         rateLimit: { requests: 10, per: second }
 *         quota: { requests: 10000, per: month }
 *         approval: auto
 *         environments: [sandbox, staging]
 *       - name: gold
 *         rateLimit: { requests: 200, per: second }
 *         approval: manual
 *         environments: [sandbox, staging, production]
 * ```
 */
export const planSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes'),
    title: z.string().max(80).optional(),
    description: z.string().max(500).optional(),
    rateLimit: z
      .object({ requests: z.number().int().positive(), per: z.enum(['second', 'minute', 'hour']) })
      .optional(),
    quota: z
      .object({ requests: z.number().int().positive(), per: z.enum(['day', 'month']) })
      .optional(),
    approval: z.enum(['auto', 'manual']),
    environments: z.array(z.enum(ENVIRONMENTS)).min(1),
  })
  .strict();

export type Plan = z.infer<typeof planSchema>;

export type PlansResult = { plans: Plan[]; error?: undefined } | { plans: Plan[]; error: string };

/** Reads an API entity's plans; a malformed annotation gives no plans and says why. */
export function readPlans(annotations: Record<string, string> | undefined): PlansResult {
  const raw = annotations?.[PLANS_ANNOTATION];
  if (!raw) return { plans: [] };
  let parsed: unknown;
  try {
    parsed = parse(raw);
  } catch (e) {
    return { plans: [], error: `${PLANS_ANNOTATION} is not valid YAML: ${(e as Error).message}` };
  }
  const result = z.array(planSchema).safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return {
      plans: [],
      error: `${PLANS_ANNOTATION}[${issue.path.join('.')}]: ${issue.message}`,
    };
  }
  const names = new Set<string>();
  for (const plan of result.data) {
    if (names.has(plan.name)) {
      return { plans: [], error: `${PLANS_ANNOTATION}: plan '${plan.name}' is declared twice` };
    }
    names.add(plan.name);
  }
  return { plans: result.data };
}
