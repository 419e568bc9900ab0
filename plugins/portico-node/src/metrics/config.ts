import type { Config } from '@backstage/config';

export interface MetricsConfig {
  enabled: boolean;
  token?: string;
}

/**
 * Fail closed: an empty token is a mistake (an unset environment variable), never "no auth";
 * in production an unset `${VAR}` drops the key altogether, so a token is required there.
 */
export function readMetricsConfig(
  config: Config,
  nodeEnv: string | undefined = process.env.NODE_ENV,
): MetricsConfig {
  const metrics = config.getOptionalConfig('portico.metrics');
  const enabled = metrics?.getOptionalBoolean('enabled') ?? true;
  const raw = metrics?.getOptional('token');
  if (raw !== undefined && typeof raw !== 'string') {
    throw new Error('portico.metrics.token must be a string');
  }
  const token = raw;
  if (token !== undefined && token.trim().length === 0) {
    throw new Error(
      'portico.metrics.token is empty: set a token (an unset environment variable?) or remove the key',
    );
  }
  if (enabled && token === undefined && nodeEnv === 'production') {
    throw new Error(
      'portico.metrics.token is required when NODE_ENV is production (or set portico.metrics.enabled: false)',
    );
  }
  return { enabled, token: enabled ? token : undefined };
}
