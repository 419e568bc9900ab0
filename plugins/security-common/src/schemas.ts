import { z } from 'zod';
import { pageQuerySchema } from '@portico/plugin-portico-common';
import {
  FINDING_STATES,
  RISK_KINDS,
  SCANNERS,
  SEVERITIES,
  TRIAGE_ACTIONS,
} from './types';

/** Long free texts from scanners are kept, cut to a bound, rather than refusing a real report. */
const text = (max: number) =>
  z.string().transform(value => value.slice(0, max));
const optionalText = (max: number) => text(max).nullish();

// ---------------------------------------------------------------------------------------------
// Trivy, `trivy ... --format json` (SchemaVersion 2)

export const trivySeveritySchema = z.enum([
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
  'UNKNOWN',
]);

const cvssSchema = z
  .record(
    z.string(),
    z.object({
      V3Score: z.number().min(0).max(10).optional(),
      V2Score: z.number().min(0).max(10).optional(),
    }),
  )
  .nullish();

export const trivyVulnerabilitySchema = z.object({
  VulnerabilityID: z.string().min(1).max(128),
  PkgName: z.string().min(1).max(255),
  PkgID: optionalText(512),
  InstalledVersion: z.string().max(255).nullish(),
  FixedVersion: optionalText(512),
  Severity: trivySeveritySchema,
  Title: optionalText(1000),
  Description: optionalText(8000),
  PrimaryURL: optionalText(1000),
  CVSS: cvssSchema,
});

export const trivyMisconfigurationSchema = z.object({
  Type: optionalText(128),
  ID: z.string().min(1).max(128),
  AVDID: optionalText(128),
  Title: optionalText(1000),
  Description: optionalText(8000),
  Message: optionalText(2000),
  Resolution: optionalText(2000),
  Severity: trivySeveritySchema,
  PrimaryURL: optionalText(1000),
  Status: z.string().max(32).nullish(),
});

/** `Match` (the secret itself, redacted or not) is deliberately not read. */
export const trivySecretSchema = z.object({
  RuleID: z.string().min(1).max(128),
  Category: optionalText(128),
  Severity: trivySeveritySchema,
  Title: optionalText(1000),
  StartLine: z.number().int().nullish(),
  EndLine: z.number().int().nullish(),
});

export const trivyResultSchema = z.object({
  Target: z.string().min(1).max(1024),
  Class: z.string().max(64).nullish(),
  Type: z.string().max(64).nullish(),
  Vulnerabilities: z.array(trivyVulnerabilitySchema).nullish(),
  Misconfigurations: z.array(trivyMisconfigurationSchema).nullish(),
  Secrets: z.array(trivySecretSchema).nullish(),
});

export const trivyReportSchema = z.object({
  SchemaVersion: z.literal(2),
  ArtifactName: z.string().trim().min(1).max(512),
  ArtifactType: z.string().max(64).nullish(),
  Metadata: z
    .object({
      ImageID: z.string().max(255).nullish(),
      RepoDigests: z.array(z.string().max(512)).nullish(),
      RepoTags: z.array(z.string().max(512)).nullish(),
    })
    .nullish(),
  Results: z.array(trivyResultSchema).nullish(),
});
export type TrivyReport = z.infer<typeof trivyReportSchema>;

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0, the part a findings list needs

const sarifMessage = z.object({ text: optionalText(4000) }).nullish();

export const sarifRuleSchema = z.object({
  id: z.string().min(1).max(255),
  name: optionalText(255),
  shortDescription: sarifMessage,
  fullDescription: sarifMessage,
  helpUri: optionalText(1000),
  defaultConfiguration: z
    .object({ level: z.enum(['none', 'note', 'warning', 'error']).nullish() })
    .nullish(),
  properties: z
    .object({
      'security-severity': z.union([z.string(), z.number()]).nullish(),
    })
    .nullish(),
});

export const sarifResultSchema = z.object({
  ruleId: z.string().min(1).max(255).nullish(),
  ruleIndex: z.number().int().min(0).nullish(),
  level: z.enum(['none', 'note', 'warning', 'error']).nullish(),
  message: z.object({ text: optionalText(4000) }),
  locations: z
    .array(
      z.object({
        physicalLocation: z
          .object({
            artifactLocation: z.object({ uri: optionalText(1024) }).nullish(),
            region: z
              .object({ startLine: z.number().int().nullish() })
              .nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
});

export const sarifLogSchema = z.object({
  version: z.literal('2.1.0'),
  runs: z
    .array(
      z.object({
        tool: z.object({
          driver: z.object({
            name: z.string().min(1).max(255),
            rules: z.array(sarifRuleSchema).nullish(),
          }),
        }),
        results: z.array(sarifResultSchema).nullish(),
      }),
    )
    .min(1),
});
export type SarifLog = z.infer<typeof sarifLogSchema>;

/** SARIF does not name what was scanned: the caller does. */
export const sarifQuerySchema = z
  .object({ artifact: z.string().trim().min(1).max(512) })
  .strict();

// ---------------------------------------------------------------------------------------------
// Falco events as Falcosidekick's webhook output posts them

export const FALCO_PRIORITIES = [
  'Emergency',
  'Alert',
  'Critical',
  'Error',
  'Warning',
  'Notice',
  'Informational',
  'Debug',
] as const;
export type FalcoPriority = (typeof FALCO_PRIORITIES)[number];

export const falcoEventSchema = z.object({
  uuid: z.uuid(),
  output: text(4000),
  priority: z.enum(FALCO_PRIORITIES),
  rule: z.string().min(1).max(255),
  time: z.iso.datetime({ offset: true }),
  source: z.string().max(64).nullish(),
  hostname: z.string().max(255).nullish(),
  tags: z.array(z.string().max(128)).max(64).nullish(),
  output_fields: z
    .record(
      z.string().max(128),
      z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]),
    )
    .nullish(),
});
export type FalcoEvent = z.infer<typeof falcoEventSchema>;

// ---------------------------------------------------------------------------------------------
// Triage and risk requests

export const triageSchema = z
  .object({
    action: z.enum(TRIAGE_ACTIONS),
    comment: z.string().trim().max(2000).optional(),
    /** The revision the caller saw: a concurrent change makes it a 409. */
    revision: z.number().int().min(0).optional(),
  })
  .strict();
export type TriageRequest = z.infer<typeof triageSchema>;

export const riskRequestSchema = z
  .object({
    kind: z.enum(RISK_KINDS),
    justification: z
      .string()
      .trim()
      .min(20, 'say why, in at least 20 characters')
      .max(4000),
    expiresAt: z.iso
      .datetime({ offset: true })
      .refine(value => Date.parse(value) > Date.now(), 'must be in the future'),
  })
  .strict();
export type CreateRiskRequest = z.infer<typeof riskRequestSchema>;

export const riskDecisionSchema = z
  .object({ comment: z.string().trim().max(2000).optional() })
  .strict();
export const riskRejectionSchema = z
  .object({ comment: z.string().trim().min(1, 'say why').max(2000) })
  .strict();

// ---------------------------------------------------------------------------------------------
// Lists

/** `a,b` or a repeated parameter, each value from `values`. */
function listOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform(value =>
      (Array.isArray(value) ? value : value.split(','))
        .map(v => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).max(values.length * 2));
}

const flag = z.enum(['true', 'false']).transform(value => value === 'true');
const entityRef = z
  .string()
  .trim()
  .toLowerCase()
  .max(255)
  .regex(
    /^[a-z]+:[a-z0-9-_.]+\/[a-z0-9-_.]+$/,
    'must be an entity ref such as component:default/payments-gateway',
  );

export const listFindingsQuerySchema = z
  .object({
    severity: listOf(SEVERITIES).optional(),
    state: listOf(FINDING_STATES).optional(),
    scanner: listOf(SCANNERS).optional(),
    componentRef: entityRef.optional(),
    ownerRef: entityRef.optional(),
    overdue: flag.optional(),
    unowned: flag.optional(),
    /** CVE id, package or title, contains, case-insensitive. */
    q: z.string().trim().max(128).optional(),
    artifact: z.string().trim().max(512).optional(),
    sort: z.enum(['severity', 'lastSeen', 'due']).default('severity'),
    ...pageQuerySchema.shape,
  })
  .strict();
export type ListFindingsQuery = z.input<typeof listFindingsQuerySchema>;
export type ListFindingsFilter = z.output<typeof listFindingsQuerySchema>;

export const listRuntimeEventsQuerySchema = z
  .object({
    componentRef: entityRef.optional(),
    ...pageQuerySchema.shape,
  })
  .strict();

export const statsQuerySchema = z
  .object({ componentRef: entityRef.optional() })
  .strict();

// ---------------------------------------------------------------------------------------------
// Bulk triage, trend, weekly report

/** Most findings moved by one bulk call (one transaction). */
export const MAX_BULK_FINDINGS = 100;

const bulkIds = z
  .array(z.uuid().toLowerCase())
  .min(1)
  .max(MAX_BULK_FINDINGS)
  .refine(ids => new Set(ids).size === ids.length, 'the same id twice');

/**
 * Many findings moved at once, all or nothing: a triage action, or a risk acceptance / false
 * positive request (each finding gets its own request, approved one by one by security).
 */
export const bulkTriageSchema = z.discriminatedUnion('action', [
  z
    .object({
      ids: bulkIds,
      action: z.enum(TRIAGE_ACTIONS),
      comment: z.string().trim().max(2000).optional(),
    })
    .strict(),
  z
    .object({
      ids: bulkIds,
      action: z.literal('request_risk'),
      ...riskRequestSchema.shape,
    })
    .strict(),
]);
export type BulkTriageRequest = z.infer<typeof bulkTriageSchema>;

export const trendQuerySchema = z
  .object({
    days: z.coerce.number().int().min(7).max(365).default(30),
    componentRef: entityRef.optional(),
  })
  .strict();

/** An ISO week such as 2026-W49; the last complete week when absent. */
export const weeklyReportQuerySchema = z
  .object({
    week: z
      .string()
      .regex(
        /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
        'must be an ISO week such as 2026-W49',
      )
      .optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// The per-component SLA override, `portico.io/security-sla: critical=3d,high=14d`

export const SLA_ANNOTATION = 'portico.io/security-sla';

const slaEntry = z
  .string()
  .trim()
  .regex(
    /^[a-z]+\s*=\s*\d{1,4}\s*[dw]?$/i,
    'each entry is severity=days, such as critical=3d or high=2w',
  )
  .transform(entry => {
    const [name, value] = entry.split('=').map(s => s.trim().toLowerCase());
    const amount = Number.parseInt(value, 10);
    return { name, days: value.endsWith('w') ? amount * 7 : amount };
  })
  .pipe(
    z.object({
      name: z.enum(SEVERITIES, {
        error: `the severity must be one of ${SEVERITIES.join(', ')}`,
      }),
      days: z.number().int().min(1, 'at least 1 day').max(3650),
    }),
  );

/** The annotation's value → days per severity; a severity named twice is refused. */
export const slaAnnotationSchema = z
  .string()
  .max(256)
  .transform(value => value.split(',').filter(part => part.trim() !== ''))
  .pipe(z.array(slaEntry).min(1, 'name at least one severity=days'))
  .refine(
    entries => new Set(entries.map(e => e.name)).size === entries.length,
    'a severity is named twice',
  )
  .transform(
    entries =>
      Object.fromEntries(entries.map(e => [e.name, e.days])) as Partial<
        Record<(typeof SEVERITIES)[number], number>
      >,
  );
