import { promises as dns } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { NotAllowedError } from '@backstage/errors';
import { UpstreamUnreachableError } from './errors';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; injectable so tests can play DNS. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async hostname => {
  const addresses = await dns.lookup(hostname, { all: true, verbatim: true });
  return addresses.map(a => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * Ranges a server declared `x-portico-private: true` may reach besides public unicast.
 * Link-local stays refused even then: it is where cloud metadata endpoints live
 * (169.254.169.254), and no API is served from there on purpose.
 */
const PRIVATE_SERVER_RANGES = new Set(['loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);

/**
 * The range ipaddr.js gives the address, with IPv4-mapped IPv6 (`::ffff:10.0.0.1`) judged
 * as the IPv4 address it carries.
 */
export function addressRange(address: string): string {
  if (!ipaddr.isValid(address)) return 'invalid';
  return ipaddr.process(address).range();
}

/**
 * Whether Try-It may connect to the address. Only public unicast is allowed, so that anything
 * ipaddr.js knows as special (loopback, RFC 1918, link-local, unique-local, multicast,
 * unspecified, broadcast, carrier-grade NAT, reserved, NAT64/6to4/Teredo translations) is
 * refused without listing each one.
 */
export function isAddressAllowed(address: string, privateServer: boolean): boolean {
  const range = addressRange(address);
  return range === 'unicast' || (privateServer && PRIVATE_SERVER_RANGES.has(range));
}

/**
 * Resolves the host and checks every address it resolves to (one bad address is enough to
 * refuse: the connection could land on any of them). Returns the addresses to connect to, so
 * that the connection is pinned to what was checked and a DNS answer that changes between
 * the check and the connect cannot redirect it.
 */
export async function resolveAllowedAddresses(options: {
  hostname: string;
  /** The definition declares the server `x-portico-private: true`. */
  declaredPrivate: boolean;
  /** `apim.tryIt.allowPrivateServers`. */
  allowPrivateServers: boolean;
  resolver: HostResolver;
}): Promise<ResolvedAddress[]> {
  const { hostname, declaredPrivate, allowPrivateServers, resolver } = options;
  const privateServer = declaredPrivate && allowPrivateServers;
  // URL keeps IPv6 literals in brackets.
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  const addresses = ipaddr.isValid(bare)
    ? [{ address: bare, family: ipaddr.parse(bare).kind() === 'ipv6' ? 6 : 4 } as ResolvedAddress]
    : await resolver(bare).catch(error => {
        throw new UpstreamUnreachableError(
          `The server's host ${bare} does not resolve: ${(error as NodeJS.ErrnoException).code ?? error}`,
        );
      });
  if (addresses.length === 0) {
    throw new UpstreamUnreachableError(`The server's host ${bare} does not resolve to any address`);
  }
  for (const { address } of addresses) {
    if (!isAddressAllowed(address, privateServer)) {
      const range = addressRange(address);
      let why = 'and the definition does not declare this server private (x-portico-private: true)';
      if (declaredPrivate) {
        // Declared private yet refused: either a range never called, or private servers are off.
        why = PRIVATE_SERVER_RANGES.has(range)
          ? 'and private servers are switched off (apim.tryIt.allowPrivateServers)'
          : 'which Try-It never calls';
      }
      throw new NotAllowedError(`Try-It refuses to call ${bare}: it resolves to ${address}, a ${range} address, ${why}`);
    }
  }
  return addresses;
}
