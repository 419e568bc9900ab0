import type { Config } from '@backstage/config';
import { performance } from 'node:perf_hooks';
import {
  bareHostname,
  HostResolver,
  isNeverAllowed,
  isPublicAddress,
  literalAddress,
  ResolvedAddress,
  systemResolver,
} from './addresses';
import { OutboundConnectionError, OutboundTargetRefusedError } from './errors';
import { PinnedAgents, pinnedRequest, PinnedResponse } from './pinnedRequest';
import { CompiledTarget, compilePrivateTargets, PrivateTarget, readPrivateTargets } from './privateTargets';

export interface OutboundAddressPolicyOptions {
  /** Private hosts and CIDRs the operator opened, with their ports. Default: none. */
  privateTargets?: PrivateTarget[];
  /** The config key of the allow-list, named in refusals. */
  configKey: string;
  /** DNS; tests replace it to play resolution and rebinding. */
  resolver?: HostResolver;
}

export interface OutboundRequest {
  url: URL;
  method: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Bytes of response body kept. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Total time for resolve, connect and answer. */
  timeoutMs: number;
}

function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * The one outbound-address policy of Portico's backends, for every call whose target comes from
 * data a user wrote (an API definition's servers, a health-check URL, a template's HTTP step):
 *
 * - the host is resolved and every address checked (one bad address refuses the target: the
 *   connection could land on any of them), and the connection is pinned to those addresses so
 *   that a DNS answer that changes in between cannot redirect it;
 * - public unicast is allowed on any port; a private address only when its host name or CIDR
 *   and the port are in the operator's allow-list; loopback and link-local never;
 * - connection failures all look alike (see OutboundConnectionError).
 *
 * Each plugin has its own allow-list: `OutboundAddressPolicy.fromConfig(config, 'apim.tryIt.privateTargets')`.
 */
export class OutboundAddressPolicy {
  private readonly targets: CompiledTarget[];
  private readonly resolver: HostResolver;
  private readonly agents = new PinnedAgents();

  static fromConfig(
    config: Config,
    configKey: string,
    options: { resolver?: HostResolver } = {},
  ): OutboundAddressPolicy {
    return new OutboundAddressPolicy({
      privateTargets: readPrivateTargets(config, configKey),
      configKey,
      resolver: options.resolver,
    });
  }

  constructor(private readonly options: OutboundAddressPolicyOptions) {
    this.targets = compilePrivateTargets(options.privateTargets ?? [], options.configKey);
    this.resolver = options.resolver ?? systemResolver;
  }

  /** Whether a connection to `address` for `hostname:port` is allowed. */
  isAllowed(address: string, target: { hostname: string; port: number }): boolean {
    if (isNeverAllowed(address)) return false;
    if (isPublicAddress(address)) return true;
    const hostname = bareHostname(target.hostname);
    return this.targets.some(
      t => t.ports.has(target.port) && (t.matchesHost(hostname) || t.matchesAddress(address)),
    );
  }

  /**
   * Resolves the URL's host and checks every address; returns them for `send` to pin to.
   * Throws OutboundTargetRefusedError (403) or, when the host does not resolve in time,
   * OutboundConnectionError (502).
   */
  async check(url: URL, options: { timeoutMs: number }): Promise<ResolvedAddress[]> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new OutboundTargetRefusedError(url.origin, this.options.configKey);
    }
    const hostname = bareHostname(url.hostname);
    const port = portOf(url);
    const literal = literalAddress(hostname);
    const addresses = literal
      ? [literal]
      : await this.resolveWithin(hostname, options.timeoutMs).catch(() => {
          throw new OutboundConnectionError(url, options.timeoutMs);
        });
    if (addresses.length === 0) throw new OutboundConnectionError(url, options.timeoutMs);
    for (const { address } of addresses) {
      if (!this.isAllowed(address, { hostname, port })) {
        throw new OutboundTargetRefusedError(`${hostname}:${port}`, this.options.configKey);
      }
    }
    return addresses;
  }

  /** One exchange with addresses `check` returned; never follows redirects. */
  send(
    request: OutboundRequest & { addresses: ResolvedAddress[]; deadline?: number },
  ): Promise<PinnedResponse> {
    return pinnedRequest(
      { ...request, maxBodyBytes: request.maxBodyBytes ?? 1024 * 1024 },
      this.agents,
    );
  }

  /** `check` then `send`, within one time budget. */
  async request(request: OutboundRequest): Promise<PinnedResponse> {
    const deadline = performance.now() + request.timeoutMs;
    const addresses = await this.check(request.url, { timeoutMs: request.timeoutMs });
    return this.send({ ...request, addresses, deadline });
  }

  /** Closes pooled connections. */
  close(): void {
    this.agents.destroy();
  }

  private async resolveWithin(hostname: string, timeoutMs: number): Promise<ResolvedAddress[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    try {
      return await Promise.race([this.resolver(hostname), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
