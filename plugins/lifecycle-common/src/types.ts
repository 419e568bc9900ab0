import type { DataClass, LifecycleEnvironment, TagViolation } from './tags';

/**
 * active: watched; tearing-down: the teardown template runs; torn-down: done; teardown-failed: the
 * template failed (shown, retried by hand); removed: gone from the catalog without a teardown.
 */
export const RESOURCE_STATES = ['active', 'tearing-down', 'torn-down', 'teardown-failed', 'removed'] as const;
export type ResourceState = (typeof RESOURCE_STATES)[number];

/** Why the lifecycle never tears a resource down automatically (guardrails). */
export type TeardownExclusion = 'prod' | 'restricted' | 'auto-teardown-off' | 'no-ttl' | 'invalid-tags';

export interface ResourceView {
  entityRef: string;
  title?: string;
  type?: string;
  owner?: string;
  project?: string;
  costCenter?: string;
  environment?: LifecycleEnvironment;
  dataClass?: DataClass;
  autoTeardown?: boolean;
  createdAt?: string;
  expiresAt?: string;
  /** Milliseconds left until expiry (negative once expired); absent without an expiry. */
  msLeft?: number;
  state: ResourceState;
  excludedBecause?: TeardownExclusion;
  notices: { '48h'?: string; '24h'?: string };
  violations: TagViolation[];
  extensions: number;
  teardown?: { taskId?: string; startedAt?: string; finishedAt?: string; message?: string };
}

export interface TimelineEntry {
  kind: string;
  actor: string;
  message: string;
  at: string;
}

export interface ResourceDetail extends ResourceView {
  timeline: TimelineEntry[];
  /** Latest expiry an extension may reach. */
  maxExpiresAt?: string;
  canExtend: boolean;
}

export interface CostCenterSummary {
  costCenter: string;
  resources: number;
  expiringSoon: number;
  violations: number;
  environments: Record<string, number>;
}
