import { promises as dns } from 'node:dns';
import ipaddr from 'ipaddr.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; injectable so that tests can play DNS. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async hostname => {
  const addresses = await dns.lookup(hostname, { all: true, verbatim: true });
  return addresses.map(a => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * Ranges no allow-list opens. Loopback reaches the backend itself and its sidecars;
 * link-local is where cloud metadata endpoints live (169.254.169.254); the others are not
 * one host, or are translations (NAT64, 6to4, Teredo) that could carry either of the first two.
 */
const NEVER = new Set([
  'loopback',
  'linkLocal',
  'unspecified',
  'multicast',
  'broadcast',
  'rfc6052',
  'rfc6145',
  '6to4',
  'teredo',
  'invalid',
]);

/**
 * The range ipaddr.js gives the address, with IPv4-mapped IPv6 (`::ffff:10.0.0.1`) judged
 * as the IPv4 address it carries.
 */
export function addressRange(address: string): string {
  if (!ipaddr.isValid(address)) return 'invalid';
  return ipaddr.process(address).range();
}

/** Public unicast: allowed by default, on any port. */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}

/** Loopback, link-local and the like: refused even when an allow-list names them. */
export function isNeverAllowed(address: string): boolean {
  return NEVER.has(addressRange(address));
}

/** `[::1]` as URL keeps it, `::1` as a socket wants it. */
export function bareHostname(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

export function literalAddress(hostname: string): ResolvedAddress | undefined {
  const bare = bareHostname(hostname);
  if (!ipaddr.isValid(bare)) return undefined;
  return { address: bare, family: ipaddr.parse(bare).kind() === 'ipv6' ? 6 : 4 };
}
