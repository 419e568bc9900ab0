import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ResolvedAddress } from './addresses';
import { bareHostname } from './addresses';
import { OutboundConnectionError } from './errors';

export interface PinnedRequest {
  url: URL;
  method: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** The checked addresses of the URL's host: the connection goes to one of them, nowhere else. */
  addresses: ResolvedAddress[];
  /** Bytes of body kept; more than that sets `truncated` and drops the connection. */
  maxBodyBytes: number;
  /** Total time for the exchange, connect to last byte. */
  timeoutMs: number;
  /** `performance.now()` after which the call is abandoned; default now + timeoutMs. */
  deadline?: number;
}

export interface PinnedResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
  durationMs: number;
}

/**
 * Request options as the pinning agents see them; `autoSelectFamily` (Happy Eyeballs) goes on
 * to net.connect, whatever the installed node types say.
 */
type PinnedOptions = http.RequestOptions & { pinnedAddresses?: string; autoSelectFamily?: boolean };

function familyOf(family: number | string | undefined): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

/**
 * A DNS lookup that answers only the addresses already checked. Node's own connection logic
 * (Happy Eyeballs across IPv6 and IPv4, TLS server name from the host) then works as usual,
 * but cannot reach an address that was not checked, whatever DNS answers by then.
 */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = familyOf(options.family);
    const usable = wanted ? addresses.filter(a => a.family === wanted) : addresses;
    if (options.all) {
      callback(null, usable);
    } else if (usable.length) {
      callback(null, usable[0].address, usable[0].family);
    } else {
      callback(Object.assign(new Error('No checked address of that family'), { code: 'ENOTFOUND' }), '', 0);
    }
  };
}

// Keep-alive pools keyed by host, port and the checked addresses: a pooled connection is
// only reused by a request whose check produced the same addresses.
class PinnedHttpAgent extends http.Agent {
  getName(options: PinnedOptions = {}): string {
    return `${super.getName(options)}|${options.pinnedAddresses ?? ''}`;
  }
}
class PinnedHttpsAgent extends https.Agent {
  getName(options: PinnedOptions = {}): string {
    return `${super.getName(options as https.RequestOptions)}|${options.pinnedAddresses ?? ''}`;
  }
}

/** Keep-alive connection pools for pinned requests; idle connections close after 5 s. */
export class PinnedAgents {
  readonly http = new PinnedHttpAgent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16, timeout: 5_000 });
  readonly https = new PinnedHttpsAgent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16, timeout: 5_000 });

  destroy(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

/**
 * One HTTP exchange with node's http client pinned to checked addresses. It never follows
 * redirects (a 3xx comes back as it is). The body is read up to the limit, then the connection
 * is dropped. Every failure (refused, reset, unreachable, timed out, broken off) is the same
 * OutboundConnectionError, so that the caller cannot tell a closed port from a filtered one.
 */
export function pinnedRequest(call: PinnedRequest, agents: PinnedAgents): Promise<PinnedResponse> {
  const { url, addresses } = call;
  const secure = url.protocol === 'https:';
  const started = performance.now();
  const deadline = call.deadline ?? started + call.timeoutMs;
  const failure = () => new OutboundConnectionError(url, call.timeoutMs);

  return new Promise<PinnedResponse>((resolve, reject) => {
    const state: { settled: boolean; timer?: NodeJS.Timeout } = { settled: false };
    const finish = (outcome: () => void) => {
      if (state.settled) return;
      state.settled = true;
      clearTimeout(state.timer);
      outcome();
    };
    const fail = () => finish(() => reject(failure()));

    const options: PinnedOptions = {
      host: bareHostname(url.hostname),
      port: url.port || (secure ? 443 : 80),
      method: call.method,
      path: `${url.pathname}${url.search}`,
      setHost: false,
      headers: { ...call.headers, Host: url.host },
      lookup: pinnedLookup(addresses),
      autoSelectFamily: true,
      agent: secure ? agents.https : agents.http,
      pinnedAddresses: addresses.map(a => a.address).join(','),
    };
    const request = (secure ? https : http).request(options);

    state.timer = setTimeout(() => {
      fail();
      request.destroy();
    }, Math.max(0, deadline - performance.now()));

    request.on('error', fail);

    request.on('response', response => {
      const chunks: Buffer[] = [];
      let received = 0;
      let truncated = false;
      const done = () =>
        finish(() =>
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: response.headers,
            body: Buffer.concat(chunks),
            truncated,
            durationMs: performance.now() - started,
          }),
        );
      response.on('data', (chunk: Buffer) => {
        if (truncated) return;
        const room = call.maxBodyBytes - received;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          received += room;
          truncated = true;
          done();
          // No point reading the rest; the connection cannot be reused half-read.
          response.destroy();
          return;
        }
        chunks.push(chunk);
        received += chunk.length;
      });
      response.on('end', done);
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete) fail();
      });
    });

    request.end(call.body);
  });
}
