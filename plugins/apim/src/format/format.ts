import type { ApimEnvironment, Plan } from '@portico/plugin-apim-common';

const numbers = new Intl.NumberFormat('en');

export const ENVIRONMENT_LABELS: Record<ApimEnvironment, string> = {
  sandbox: 'Sandbox',
  staging: 'Staging',
  production: 'Production',
};

const PER_SHORT: Record<string, string> = {
  second: 's',
  minute: 'min',
  hour: 'h',
  day: 'day',
  month: 'month',
};

/** `200 req/s`, or undefined when the plan sets no rate limit. */
export function formatRateLimit(plan: Plan): string | undefined {
  return plan.rateLimit
    ? `${numbers.format(plan.rateLimit.requests)} req/${
        PER_SHORT[plan.rateLimit.per]
      }`
    : undefined;
}

/** `5,000,000 / month`, or undefined when the plan sets no quota. */
export function formatQuota(plan: Plan): string | undefined {
  return plan.quota
    ? `${numbers.format(plan.quota.requests)} / ${plan.quota.per}`
    : undefined;
}

/** Everything that limits a plan, in one line. */
export function formatPlanLimits(plan: Plan): string {
  const limits = [formatRateLimit(plan), formatQuota(plan)].filter(Boolean);
  return limits.length ? limits.join(' · ') : 'No limits';
}

export function planLabel(plan: Plan): string {
  return plan.title ?? plan.name;
}

/** A date and time in the reader's locale, e.g. `2 Jun 2025, 09:00`. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
}

export function formatCount(
  count: number,
  singular: string,
  plural = `${singular}s`,
) {
  return `${numbers.format(count)} ${count === 1 ? singular : plural}`;
}

/** `group:default/payments-team` → `payments-team`; other namespaces stay visible. */
export function shortRef(ref: string): string {
  const match = /^(?:[^:]+:)?(?:([^/]+)\/)?(.+)$/.exec(ref);
  if (!match) return ref;
  const [, namespace, name] = match;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}
