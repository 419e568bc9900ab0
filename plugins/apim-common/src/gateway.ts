import { z } from 'zod';
import { ENVIRONMENTS, Plan } from './plans';

type RateLimit = NonNullable<Plan['rateLimit']>;

/** `5r/s`, `100r/m`; an hourly plan becomes its per-minute rate (nginx knows seconds and minutes). */
export function gatewayRate(limit: RateLimit): string {
  if (limit.per === 'second') return `${limit.requests}r/s`;
  if (limit.per === 'minute') return `${limit.requests}r/m`;
  return `${Math.max(1, Math.floor(limit.requests / 60))}r/m`;
}

/**
 * The gateway's rate-limit zone for a plan's rate. The authorize endpoint answers it in
 * `X-Portico-Rate` and the generated nginx config keys that zone by the application.
 */
export function gatewayRateZone(limit: RateLimit): string {
  return `portico_rate_${gatewayRate(limit).replace('r/', 'r_')}`;
}

/** One line of the gateway's JSON access log (the `portico_json` log format). */
export const gatewayLogLineSchema = z.object({
  time: z.string().max(40),
  application: z.string().max(64),
  api: z.string().max(255),
  environment: z.string().max(16),
  plan: z.string().max(64).optional(),
  status: z.number().int().min(100).max(599),
  requestTime: z.number().min(0).max(3600).optional(),
  upstreamTime: z.string().max(64).optional(),
});
export type GatewayLogLine = z.infer<typeof gatewayLogLineSchema>;

/** `POST /gateway/usage`: a batch of access-log lines; the id makes a retried batch count once. */
export const gatewayUsageBatchSchema = z
  .object({
    batchId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8 to 64 letters, digits, - or _'),
    lines: z.array(gatewayLogLineSchema).max(10_000),
  })
  .strict();

export const usageQuerySchema = z
  .object({
    days: z.coerce.number().int().min(1).max(366).default(30),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();

export const gatewayEnvironmentSchema = z.enum(ENVIRONMENTS);

/** Usage of one application on one API in one environment on one UTC day. */
export interface UsageDay {
  day: string;
  applicationId: string;
  apiRef: string;
  environment: (typeof ENVIRONMENTS)[number];
  requests: number;
  status4xx: number;
  status5xx: number;
  rateLimited: number;
  /** From the day's latency histogram; absent when no request carried a time. */
  p95Ms?: number;
}

/** `GET /apis/:namespace/:name/usage`: every application's usage of one API, for its owners. */
export interface ApiUsage {
  days: UsageDay[];
  /** The applications in `days`, with their names. */
  applications: Array<{ id: string; name: string }>;
}
