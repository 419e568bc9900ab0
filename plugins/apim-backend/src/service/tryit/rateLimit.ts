import { CustomErrorBase } from '@backstage/errors';

/** The caller sent more Try-It calls than allowed (429); the router adds `Retry-After`. */
export class TooManyTryItCallsError extends CustomErrorBase {
  name = 'TooManyTryItCallsError';
  readonly statusCode = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many Try-It calls: wait ${retryAfterSeconds} s before the next one`,
    );
  }
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * A token bucket per user: `callsPerMinute` in a burst, then one call every
 * 60/callsPerMinute seconds. The console sends real requests from the portal's address, so
 * one user must not be able to turn it into a load generator against an API (or against
 * the portal). Kept in memory: each backend replica limits on its own, which bounds a user at
 * replicas x the limit, enough for its purpose without a shared store.
 */
export class TryItRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly callsPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = callsPerMinute / 60_000;
  }

  /** Takes one call for `user`, or throws TooManyTryItCallsError saying how long to wait. */
  take(user: string): void {
    const now = this.now();
    const bucket = this.refill(user, now);
    if (bucket.tokens < 1) {
      const waitMs = (1 - bucket.tokens) / this.perMs;
      throw new TooManyTryItCallsError(Math.max(1, Math.ceil(waitMs / 1000)));
    }
    bucket.tokens -= 1;
    if (this.buckets.size > 10_000) this.forgetIdle(now);
  }

  private refill(user: string, now: number): Bucket {
    const bucket = this.buckets.get(user) ?? {
      tokens: this.callsPerMinute,
      refilledAt: now,
    };
    bucket.tokens = Math.min(
      this.callsPerMinute,
      bucket.tokens + (now - bucket.refilledAt) * this.perMs,
    );
    bucket.refilledAt = now;
    this.buckets.set(user, bucket);
    return bucket;
  }

  /** A user whose bucket has filled up again is the same as one never seen. */
  private forgetIdle(now: number) {
    for (const [user, bucket] of this.buckets) {
      const tokens = bucket.tokens + (now - bucket.refilledAt) * this.perMs;
      if (tokens >= this.callsPerMinute) this.buckets.delete(user);
    }
  }

  /** Users with a bucket in memory (for tests). */
  get size(): number {
    return this.buckets.size;
  }
}
