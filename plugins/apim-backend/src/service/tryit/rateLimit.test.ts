import { TooManyTryItCallsError, TryItRateLimiter } from './rateLimit';

describe('TryItRateLimiter', () => {
  it('allows a burst of the per-minute limit, then refuses saying how long to wait', () => {
    let now = 0;
    const limiter = new TryItRateLimiter(3, () => now);
    limiter.take('user:default/alice');
    limiter.take('user:default/alice');
    limiter.take('user:default/alice');

    let refusal: unknown;
    try {
      limiter.take('user:default/alice');
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(TooManyTryItCallsError);
    expect((refusal as TooManyTryItCallsError).statusCode).toBe(429);
    // 3 a minute: one call every 20 s.
    expect((refusal as TooManyTryItCallsError).retryAfterSeconds).toBe(20);

    now = 19_000;
    expect(() => limiter.take('user:default/alice')).toThrow(
      'wait 1 s before the next one',
    );
    now = 20_000;
    expect(() => limiter.take('user:default/alice')).not.toThrow();
  });

  it('counts each user on their own', () => {
    const limiter = new TryItRateLimiter(1, () => 0);
    limiter.take('user:default/alice');
    expect(() => limiter.take('user:default/alice')).toThrow(
      TooManyTryItCallsError,
    );
    expect(() => limiter.take('user:default/bob')).not.toThrow();
  });

  it('never refills past the burst size', () => {
    let now = 0;
    const limiter = new TryItRateLimiter(2, () => now);
    now = 3_600_000;
    limiter.take('user:default/alice');
    limiter.take('user:default/alice');
    expect(() => limiter.take('user:default/alice')).toThrow(
      TooManyTryItCallsError,
    );
  });

  it('forgets idle users once it holds many', () => {
    let now = 0;
    const limiter = new TryItRateLimiter(60, () => now);
    for (let i = 0; i <= 10_000; i++) limiter.take(`user:default/u${i}`);
    expect(limiter.size).toBe(10_001);
    now = 120_000;
    limiter.take('user:default/late');
    expect(limiter.size).toBe(1) // only the user who just spent a call;
  });
});
