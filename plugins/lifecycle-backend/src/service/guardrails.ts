import type { TeardownExclusion } from '@portico/plugin-lifecycle-common';
import { LIFECYCLE_LIMITS } from '@portico/plugin-lifecycle-common';
import type { ResourceRecord } from '../database/LifecycleStore';

/**
 * Why a resource is never torn down automatically, or undefined when it may be. The store's
 * teardown query applies the same rules in SQL (dueForTeardownCheck); this one explains them.
 */
export function teardownExclusion(r: Pick<ResourceRecord, 'environment' | 'dataClass' | 'autoTeardown' | 'expiresAt' | 'violations'>): TeardownExclusion | undefined {
  if (r.environment === 'prod') return 'prod';
  if (r.dataClass === 'restricted') return 'restricted';
  if (r.violations.length > 0) return 'invalid-tags';
  if (r.autoTeardown === false) return 'auto-teardown-off';
  if (r.expiresAt === undefined) return 'no-ttl';
  return undefined;
}

/** The latest expiry an extension may set: created-at plus the maximum life (non-prod). */
export function maxExpiry(r: Pick<ResourceRecord, 'createdAt' | 'environment'>): number | undefined {
  if (r.createdAt === undefined || r.environment === 'prod') return undefined;
  return r.createdAt + LIFECYCLE_LIMITS.maxTtlMs;
}

/** created-at + ttl, or the latest extension when there is one. */
export function expiryOf(r: Pick<ResourceRecord, 'createdAt' | 'ttlMs' | 'extendedUntil'>): number | undefined {
  if (r.extendedUntil !== undefined) return r.extendedUntil;
  if (r.createdAt === undefined || r.ttlMs === undefined) return undefined;
  return r.createdAt + r.ttlMs;
}
