import type { Config } from '@backstage/config';

export interface MetricsConfig {
  enabled: boolean;
  token?: string;
}

export function readMetricsConfig(config: Config): MetricsConfig {
  const metrics = config.getOptionalConfig('portico.metrics');
  const token = metrics?.getOptionalString('token');
  return {
    enabled: metrics?.getOptionalBoolean('enabled') ?? true,
    // An empty token (an unset environment variable) would open the endpoint by accident.
    token: token && token.trim().length > 0 ? token : undefined,
  };
}
