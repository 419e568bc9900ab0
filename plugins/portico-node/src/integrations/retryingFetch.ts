/** How an integration calls its outside system: at most `retries` retries, each attempt limited to `timeoutMs`. */
export interface RetryPolicy {
  retries: number;
  timeoutMs: number;
  /** A Retry-After longer than this fails at once instead of holding the task. Default 120 s. */
  maxRetryAfterMs?: number;
  /** For tests: how to wait between attempts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * Which answers are worth another attempt. 429 and 503 mean "not processed, come back later" for every method;
 * other 5xx may have done the work, so only idempotent methods are retried on them (a POST that created a user
 * must not create a second one).
 */
export function isRetryable(method: string, status: number): boolean {
  if (status === 429 || status === 503) return true;
  return status >= 500 && status !== 501 && IDEMPOTENT.has(method.toUpperCase());
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoff(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const state: { timer?: ReturnType<typeof setTimeout> } = {};
    function onAbort() {
      clearTimeout(state.timer);
      reject(signal!.reason);
    }
    state.timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `fetch` with the house retry policy: 429 and 5xx retried (see `isRetryable`) after the server's Retry-After or an
 * exponential backoff, network errors retried for idempotent methods, every attempt under its own timeout, the
 * caller's signal (the task's cancellation) obeyed throughout. The last answer is returned as is, error or not.
 */
export async function retryingFetch(
  url: string,
  init: RequestInit & { method?: string },
  policy: RetryPolicy,
  fetchImpl: (url: string, init: RequestInit) => Promise<Response> = fetch,
): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const wait = policy.sleep ?? sleep;
  const callerSignal = init.signal ?? undefined;
  for (let attempt = 0; ; attempt++) {
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetchImpl(url, { ...init, signal });
    } catch (error) {
      // An outbound policy's refusal is an answer, not a network failure: never retried, kept as a 403.
      if (callerSignal?.aborted || (error as Error).name === 'NotAllowedError') throw error;
      const timedOut = timeout.aborted;
      if (attempt < policy.retries && IDEMPOTENT.has(method)) {
        await wait(backoff(attempt), callerSignal);
        continue;
      }
      const host = new URL(url).host;
      throw new Error(
        timedOut
          ? `${method} ${host} timed out after ${policy.timeoutMs} ms`
          : `${method} ${host} failed: ${(error as Error).message}`,
      );
    }
    if (attempt >= policy.retries || !isRetryable(method, response.status)) return response;
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (retryAfter !== undefined && retryAfter > (policy.maxRetryAfterMs ?? 120_000)) return response;
    // The body must be read, or undici keeps the connection busy (a cancel() can hang on a mocked stream).
    await response.arrayBuffer().catch(() => undefined);
    await wait(retryAfter ?? backoff(attempt), callerSignal);
  }
}
