import { DAY_MS, HOUR_MS, LIFECYCLE_LIMITS } from './constants';

/**
 * The mandatory tags of a Resource, carried as annotations `lifecycle.portico.io/<tag>`.
 *
 * Annotations rather than labels: label values are limited to 63 characters of `[a-zA-Z0-9._-]`,
 * so `created-at` (an ISO 8601 time, with colons) and group refs (`group:default/x`) could not be
 * written as labels. Catalog `metadata.tags` are free-form single words with no key, so they cannot
 * carry key=value pairs either.
 */
export const MANDATORY_TAGS = [
  'environment',
  'owner',
  'project',
  'cost-center',
  'ttl',
  'created-at',
  'auto-teardown',
  'data-class',
] as const;
export type MandatoryTag = (typeof MANDATORY_TAGS)[number];

export const TAG_ANNOTATION_PREFIX = 'lifecycle.portico.io/';
export const tagAnnotation = (tag: MandatoryTag) => `${TAG_ANNOTATION_PREFIX}${tag}`;
/** Written by the catalog processor on a Resource whose tags break the rules (a short summary). */
export const TAG_VIOLATIONS_ANNOTATION = 'lifecycle.portico.io/tag-violations';

export const ENVIRONMENTS = ['dev', 'test', 'sandbox', 'staging', 'prod'] as const;
export const DATA_CLASSES = ['public', 'internal', 'confidential', 'restricted'] as const;
export type LifecycleEnvironment = (typeof ENVIRONMENTS)[number];
export type DataClass = (typeof DATA_CLASSES)[number];

export interface TagViolation {
  tag: MandatoryTag;
  message: string;
}

/** The tags once read; fields are absent when the tag is missing or invalid. */
export interface LifecycleTags {
  environment?: LifecycleEnvironment;
  owner?: string;
  project?: string;
  costCenter?: string;
  /** Undefined for `none` (allowed in prod only) or when invalid. */
  ttlMs?: number;
  createdAt?: number;
  autoTeardown?: boolean;
  dataClass?: DataClass;
}

/** `7d`, `36h`, or `none` (production only). */
export function parseTtl(value: string): number | 'none' | undefined {
  if (value === 'none') return 'none';
  const match = /^([1-9][0-9]{0,3})(h|d)$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'd' ? DAY_MS : HOUR_MS);
}

const SLUG = /^[a-z0-9][a-z0-9._-]{0,62}$/i;
const OWNER = /^(group:)?([a-z0-9-]+\/)?[a-z0-9][a-z0-9._-]{0,62}$/i;
const COST_CENTER = /^[A-Z0-9][A-Z0-9_-]{1,31}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks the mandatory tags of a Resource's annotations. Pure: the catalog processor, the
 * lifecycle backend's sync and the frontend all read tags through it, so they agree.
 */
export function validateLifecycleTags(
  annotations: Record<string, string> | undefined,
  specOwner?: string,
): { tags: LifecycleTags; violations: TagViolation[] } {
  const get = (tag: MandatoryTag) => annotations?.[tagAnnotation(tag)]?.trim();
  const tags: LifecycleTags = {};
  const violations: TagViolation[] = [];
  const fail = (tag: MandatoryTag, message: string) => violations.push({ tag, message });

  for (const tag of MANDATORY_TAGS) {
    if (!get(tag)) fail(tag, `missing (annotation ${tagAnnotation(tag)})`);
  }

  const environment = get('environment');
  if (environment) {
    if ((ENVIRONMENTS as readonly string[]).includes(environment)) {
      tags.environment = environment as LifecycleEnvironment;
    } else fail('environment', `must be one of ${ENVIRONMENTS.join(', ')}`);
  }
  const owner = get('owner');
  if (owner) {
    if (!OWNER.test(owner)) fail('owner', 'must be a group ref such as group:default/payments-team');
    else if (specOwner && normalizeGroupRef(owner) !== normalizeGroupRef(specOwner)) {
      fail('owner', `must match spec.owner (${specOwner})`);
    } else tags.owner = normalizeGroupRef(owner);
  }
  const project = get('project');
  if (project) {
    if (SLUG.test(project)) tags.project = project;
    else fail('project', 'must be a short name (letters, digits, dots, dashes)');
  }
  const costCenter = get('cost-center');
  if (costCenter) {
    if (COST_CENTER.test(costCenter)) tags.costCenter = costCenter.toUpperCase();
    else fail('cost-center', 'must be a cost centre code such as CC-1042');
  }
  const dataClass = get('data-class');
  if (dataClass) {
    if ((DATA_CLASSES as readonly string[]).includes(dataClass)) tags.dataClass = dataClass as DataClass;
    else fail('data-class', `must be one of ${DATA_CLASSES.join(', ')}`);
  }
  const autoTeardown = get('auto-teardown');
  if (autoTeardown) {
    if (autoTeardown === 'true' || autoTeardown === 'false') tags.autoTeardown = autoTeardown === 'true';
    else fail('auto-teardown', 'must be true or false');
  }
  const createdAt = get('created-at');
  if (createdAt) {
    if (ISO_TIME.test(createdAt) && !Number.isNaN(Date.parse(createdAt))) tags.createdAt = Date.parse(createdAt);
    else fail('created-at', 'must be an ISO 8601 date and time such as 2026-12-01T09:00:00Z');
  }
  const ttl = get('ttl');
  if (ttl) {
    const parsed = parseTtl(ttl);
    if (parsed === undefined) fail('ttl', 'must be a duration such as 7d or 36h, or none (prod only)');
    else if (parsed === 'none') {
      if (tags.environment !== 'prod') fail('ttl', 'none is allowed in prod only');
    } else if (tags.environment !== 'prod' && parsed > LIFECYCLE_LIMITS.maxTtlMs) {
      fail('ttl', `must be at most ${LIFECYCLE_LIMITS.maxTtlMs / DAY_MS}d outside prod`);
    } else tags.ttlMs = parsed;
  }
  return { tags, violations };
}

/** `payments-team`, `default/payments-team` and `group:default/payments-team` are one group. */
export function normalizeGroupRef(ref: string): string {
  const withoutKind = ref.replace(/^group:/i, '');
  const full = withoutKind.includes('/') ? withoutKind : `default/${withoutKind}`;
  return `group:${full}`.toLowerCase();
}

/** One line for the entity's annotation and event data: `ttl: missing; owner: ...`. */
export function summarizeViolations(violations: TagViolation[]): string {
  return violations.map(v => `${v.tag}: ${v.message}`).join('; ');
}
