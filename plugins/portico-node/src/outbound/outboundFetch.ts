import type { OutboundAddressPolicy } from './OutboundAddressPolicy';

/**
 * A `fetch` that goes through an OutboundAddressPolicy: each call resolves the host, checks
 * every address and pins the connection to them (no redirects followed), so that a configured
 * host name that resolves, or is made to resolve, to a private address is refused unless the
 * operator listed it. For IntegrationHttpClient's `fetch` option.
 */
export function outboundFetch(
  policy: Pick<OutboundAddressPolicy, 'request'>,
  options: { timeoutMs: number; maxBodyBytes?: number },
): (url: string, init: RequestInit) => Promise<Response> {
  return async (url, init) => {
    init.signal?.throwIfAborted();
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    const answer = await policy.request({
      url: new URL(url),
      method: (init.method ?? 'GET').toUpperCase(),
      headers,
      body,
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    });
    const responseHeaders = new Headers();
    for (const [key, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(key, one);
    }
    const empty = [101, 204, 205, 304].includes(answer.status);
    return new Response(empty ? null : new Uint8Array(answer.body), {
      status: answer.status,
      statusText: answer.statusText,
      headers: responseHeaders,
    });
  };
}
