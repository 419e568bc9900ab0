import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;

const labelMap = z.record(z.string(), z.string());
const timestamp = z.string().refine(v => !Number.isNaN(Date.parse(v)), 'not an RFC 3339 time');

/** One alert of an Alertmanager (version 4) or Grafana webhook. */
export const webhookAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelMap.refine(l => !!l.alertname, 'alertname label is missing'),
  annotations: labelMap.default({}),
  startsAt: timestamp,
  // Alertmanager sends 0001-01-01T00:00:00Z while the end is unknown.
  endsAt: z.string().optional(),
  generatorURL: z.string().optional().default(''),
  fingerprint: z.string().min(1).max(64),
});
export type WebhookAlert = z.infer<typeof webhookAlertSchema>;

/** Alertmanager's webhook body, version 4 (what `webhook_configs` posts). */
export const alertmanagerWebhookSchema = z.object({
  version: z.literal('4'),
  groupKey: z.string().max(2000),
  truncatedAlerts: z.number().int().min(0).default(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().max(200),
  groupLabels: labelMap.default({}),
  commonLabels: labelMap.default({}),
  commonAnnotations: labelMap.default({}),
  externalURL: z.string().default(''),
  alerts: z.array(webhookAlertSchema).max(10_000),
});
export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;

/** Grafana-managed alerting's webhook contact point (Alertmanager's shape plus Grafana fields). */
export const grafanaWebhookSchema = z.object({
  receiver: z.string().max(200).default('grafana'),
  status: z.enum(['firing', 'resolved']),
  groupKey: z.string().max(2000).default(''),
  truncatedAlerts: z.number().int().min(0).default(0),
  orgId: z.number().optional(),
  title: z.string().optional(),
  alerts: z.array(
    webhookAlertSchema.extend({
      dashboardURL: z.string().optional(),
      panelURL: z.string().optional(),
      silenceURL: z.string().optional(),
    }),
  ).max(10_000),
});
export type GrafanaWebhook = z.infer<typeof grafanaWebhookSchema>;

export const ALERT_STATES = ['firing', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** Severities as Prometheus rules label them; anything else counts as `info`. */
export const ALERT_SEVERITIES = ['critical', 'high', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

const USER_REF = /^(?:user:)?(?:([a-z0-9][a-z0-9._-]{0,62})\/)?([a-z0-9][a-z0-9._@+-]{0,199})$/i;

/** A user: `alice`, `user:alice` or `user:default/alice`; kept as the full, lower-cased ref. */
export const userRefSchema = z
  .string()
  .trim()
  .max(300)
  .regex(USER_REF, 'expected a user ref such as user:default/alice')
  .transform(v => {
    const [, namespace, name] = USER_REF.exec(v)!;
    return `user:${namespace ?? 'default'}/${name}`.toLowerCase();
  });

/**
 * Acknowledge: a comment for whoever looks next, and when the ack (and its silence) ends;
 * optionally who works on it and the service-desk ticket that tracks the work.
 */
export const ackBodySchema = z.object({
  comment: z.string().trim().min(1).max(2000),
  expiresInMinutes: z.number().int().min(5).max(7 * 24 * 60).default(120),
  assignee: userRefSchema.optional(),
  ticketId: z.string().trim().uuid('expected a service-desk ticket id').optional(),
});
export type AckBody = z.infer<typeof ackBodySchema>;

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v => (Array.isArray(v) ? v : v.split(',')).map(s => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const alertListQuerySchema = z.object({
  state: csv(ALERT_STATES).optional(),
  severity: csv(ALERT_SEVERITIES).optional(),
  component: z.string().max(300).optional(),
  team: z.string().max(300).optional(),
  /** Substring of any `label=value` of the alert (case-insensitive). */
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const statsQuerySchema = z.object({
  component: z.string().max(300).optional(),
  team: z.string().max(300).optional(),
});

export const RED_RANGES = ['1h', '6h', '24h', '7d'] as const;
export const redQuerySchema = z.object({
  entityRef: z.string().min(1).max(300),
  range: z.enum(RED_RANGES).default('1h'),
});

export const entityQuerySchema = z.object({
  entityRef: z.string().min(1).max(300),
});

/** A maintenance silence over a window (at most 14 days), scheduled ahead for one component. */
export const silenceWindowBodySchema = z
  .object({
    componentRef: z.string().trim().min(1).max(300),
    startsAt: timestamp,
    endsAt: timestamp,
    comment: z.string().trim().min(1).max(2000),
  })
  .superRefine((body, ctx) => {
    const start = Date.parse(body.startsAt);
    const end = Date.parse(body.endsAt);
    if (end <= start) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['endsAt'], message: 'must be after startsAt' });
    else if (end - start > 14 * 86_400_000) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['endsAt'], message: 'a window lasts at most 14 days' });
    }
  });
export type SilenceWindowBody = z.infer<typeof silenceWindowBodySchema>;

export const silenceWindowListQuerySchema = z.object({
  component: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
