import type { Config } from '@backstage/config';
import ipaddr from 'ipaddr.js';

/**
 * One operator-approved private target: a host name or a CIDR, and the ports it may be
 * reached on. In config: `{ host: billing.internal, ports: [443] }` or
 * `{ cidr: 10.20.0.0/16, ports: [443, 8080] }`.
 */
export type PrivateTarget =
  | { host: string; ports: number[] }
  | { cidr: string; ports: number[] };

interface CompiledTarget {
  matchesHost(hostname: string): boolean;
  matchesAddress(address: string): boolean;
  ports: Set<number>;
}

const HOST_NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

function isAddressLiteral(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value);
}

function compileHost(host: string): CompiledTarget['matchesHost'] {
  const lower = host.toLowerCase();
  if (lower.startsWith('*.')) {
    const suffix = lower.slice(1);
    return hostname => hostname.toLowerCase().endsWith(suffix);
  }
  return hostname => hostname.toLowerCase() === lower;
}

function compileCidr(cidr: string): CompiledTarget['matchesAddress'] {
  const [network, bits] = ipaddr.parseCIDR(cidr);
  return address => {
    if (!ipaddr.isValid(address)) return false;
    const parsed = ipaddr.process(address);
    return parsed.kind() === network.kind() && parsed.match(network, bits);
  };
}

/** Checks the entries and compiles them; a wrong entry throws, naming the key and index. */
export function compilePrivateTargets(targets: PrivateTarget[], configKey: string): CompiledTarget[] {
  return targets.map((target, index) => {
    const at = `${configKey}[${index}]`;
    if (!Array.isArray(target.ports) || target.ports.length === 0) {
      throw new Error(`Invalid configuration ${at}.ports: list the ports the target may be reached on`);
    }
    for (const port of target.ports) {
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new Error(`Invalid configuration ${at}.ports: ${port} is not a port number`);
      }
    }
    const ports = new Set(target.ports);
    if ('cidr' in target && 'host' in target) {
      throw new Error(`Invalid configuration ${at}: give either host or cidr, not both`);
    }
    if ('cidr' in target) {
      if (!ipaddr.isValidCIDR(target.cidr)) {
        throw new Error(`Invalid configuration ${at}.cidr: '${target.cidr}' is not a CIDR such as 10.20.0.0/16`);
      }
      return { matchesHost: () => false, matchesAddress: compileCidr(target.cidr), ports };
    }
    if (typeof target.host === 'string' && isAddressLiteral(target.host)) {
      // An address given as host means that one address.
      const bits = ipaddr.parse(target.host).kind() === 'ipv6' ? 128 : 32;
      return { matchesHost: () => false, matchesAddress: compileCidr(`${target.host}/${bits}`), ports };
    }
    if (typeof target.host !== 'string' || !HOST_NAME.test(target.host.toLowerCase())) {
      throw new Error(`Invalid configuration ${at}.host: '${target.host}' is not a host name such as billing.internal`);
    }
    return { matchesHost: compileHost(target.host), matchesAddress: () => false, ports };
  });
}

/** Reads the allow-list under `key` (an array, absent means none). */
export function readPrivateTargets(config: Config, key: string): PrivateTarget[] {
  const entries = config.getOptionalConfigArray(key) ?? [];
  return entries.map((entry, index) => {
    const host = entry.getOptionalString('host');
    const cidr = entry.getOptionalString('cidr');
    const ports = entry.getOptional<unknown>('ports');
    if (!Array.isArray(ports) || ports.some(p => typeof p !== 'number')) {
      throw new Error(`Invalid configuration ${key}[${index}].ports: a list of port numbers, such as [443, 8080]`);
    }
    if (host !== undefined && cidr !== undefined) {
      throw new Error(`Invalid configuration ${key}[${index}]: give either host or cidr, not both`);
    }
    if (cidr !== undefined) return { cidr, ports: ports as number[] };
    if (host !== undefined) return { host, ports: ports as number[] };
    throw new Error(`Invalid configuration ${key}[${index}]: give host or cidr`);
  });
}

export type { CompiledTarget };
