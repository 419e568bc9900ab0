/*
 * Configuration of the Try-It console, under `apim.tryIt` (every key optional):
 *
 * ```yaml
 * apim:
 *   tryIt:
 *     # HTTP methods the console may send, per environment. A method missing from the list is
 *     # refused with a 403 before anything is sent.
 *     allowedMethods:
 *       sandbox: [GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE]      # default: all
 *       staging: [GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE]      # default: all
 *       production: [GET, HEAD, OPTIONS, POST]                       # default
 *     # Largest request body the console forwards, in bytes. Default 262144 (256 KiB).
 *     maxRequestBodyBytes: 262144
 *     # Largest response body returned to the browser, in bytes; past it the body is cut and
 *     # `truncated: true`. Default 1048576 (1 MiB).
 *     maxResponseBodyBytes: 1048576
 *     # Total time for one call (DNS, connect, response, body), in seconds; then 504. Default 10.
 *     timeoutSeconds: 10
 *     # Private targets Try-It may call, besides public addresses: host names or CIDRs, each
 *     # with its ports. A definition's `x-portico-private: true` opens nothing by itself (any
 *     # catalog author can write it). Loopback and link-local are never called, listed or not.
 *     # Default: none.
 *     privateTargets:
 *       - { cidr: 10.20.0.0/16, ports: [443, 8080] }
 *       - { host: billing.internal, ports: [443] }
 *     # Calls one user may send per minute (a burst of this many, then evenly spread); past it
 *     # 429 with Retry-After. Counted per backend replica. Default 30.
 *     callsPerMinute: 30
 * ```
 */
import type { Config } from '@backstage/config';
import { ApimEnvironment, ENVIRONMENTS } from '@portico/plugin-apim-common';

/** The allow-list of private targets, read by OutboundAddressPolicy.fromConfig. */
export const TRY_IT_PRIVATE_TARGETS_KEY = 'apim.tryIt.privateTargets';

export const TRY_IT_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type TryItMethod = (typeof TRY_IT_METHODS)[number];

export interface TryItSettings {
  allowedMethods: Record<ApimEnvironment, readonly TryItMethod[]>;
  maxRequestBodyBytes: number;
  maxResponseBodyBytes: number;
  timeoutMs: number;
  callsPerMinute: number;
}

const CONFIG_KEY = 'apim.tryIt';

export const DEFAULT_TRY_IT_SETTINGS: TryItSettings = {
  allowedMethods: {
    sandbox: TRY_IT_METHODS,
    staging: TRY_IT_METHODS,
    // Production is live money and data: nothing that deletes or overwrites by default.
    production: ['GET', 'HEAD', 'OPTIONS', 'POST'],
  },
  maxRequestBodyBytes: 256 * 1024,
  maxResponseBodyBytes: 1024 * 1024,
  timeoutMs: 10_000,
  callsPerMinute: 30,
};

function positive(config: Config | undefined, key: string, fallback: number, max: number): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new Error(
      `Invalid configuration ${CONFIG_KEY}.${key}: must be a number above 0 and at most ${max}, got ${value}`,
    );
  }
  return value;
}

function methods(
  config: Config | undefined,
  environment: ApimEnvironment,
): readonly TryItMethod[] {
  const key = `allowedMethods.${environment}`;
  const listed = config?.getOptionalStringArray(key);
  if (listed === undefined) return DEFAULT_TRY_IT_SETTINGS.allowedMethods[environment];
  return listed.map((method, index) => {
    const upper = method.trim().toUpperCase();
    if (!(TRY_IT_METHODS as readonly string[]).includes(upper)) {
      throw new Error(
        `Invalid configuration ${CONFIG_KEY}.${key}[${index}]: '${method}' is not one of ${TRY_IT_METHODS.join(', ')}`,
      );
    }
    return upper as TryItMethod;
  });
}

/** Reads `apim.tryIt` with its defaults; a wrong value throws at startup, naming the key. */
export function readTryItSettings(root: Config): TryItSettings {
  const config = root.getOptionalConfig(CONFIG_KEY);
  const allowedMethods = config?.getOptionalConfig('allowedMethods');
  if (allowedMethods) {
    for (const key of allowedMethods.keys()) {
      if (!(ENVIRONMENTS as readonly string[]).includes(key)) {
        throw new Error(
          `Invalid configuration ${CONFIG_KEY}.allowedMethods.${key}: not an environment (${ENVIRONMENTS.join(', ')})`,
        );
      }
    }
  }
  return {
    allowedMethods: {
      sandbox: methods(config, 'sandbox'),
      staging: methods(config, 'staging'),
      production: methods(config, 'production'),
    },
    maxRequestBodyBytes: Math.floor(
      positive(config, 'maxRequestBodyBytes', DEFAULT_TRY_IT_SETTINGS.maxRequestBodyBytes, 1_000_000),
    ),
    maxResponseBodyBytes: Math.floor(
      positive(config, 'maxResponseBodyBytes', DEFAULT_TRY_IT_SETTINGS.maxResponseBodyBytes, 20 * 1024 * 1024),
    ),
    timeoutMs: Math.round(
      positive(config, 'timeoutSeconds', DEFAULT_TRY_IT_SETTINGS.timeoutMs / 1000, 120) * 1000,
    ),
    callsPerMinute: Math.floor(
      positive(config, 'callsPerMinute', DEFAULT_TRY_IT_SETTINGS.callsPerMinute, 100_000),
    ),
  };
}
