import type { Config } from '@backstage/config';
import { readRetryPolicy, requireIntegrationConfig } from '@portico/portico-node';

export const GRAPH_CONFIG_KEY = 'portico.integrations.microsoftGraph';
export const GRAPH_REQUIRED_KEYS = ['tenantId', 'clientId', 'clientSecret'] as const;
export const GRAPH_SYSTEM = 'Microsoft Graph';

export interface GraphSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  defaultUsageLocation?: string;
  siteProvisioningTimeoutMs: number;
}

/** Reads the Graph section; throws IntegrationNotConfiguredError naming the first missing key. */
export function readGraphSettings(config: Config): GraphSettings {
  const section = requireIntegrationConfig(config, {
    system: GRAPH_SYSTEM,
    key: GRAPH_CONFIG_KEY,
    required: GRAPH_REQUIRED_KEYS,
  });
  return {
    tenantId: section.getString('tenantId'),
    clientId: section.getString('clientId'),
    clientSecret: section.getString('clientSecret'),
    authorityHost: section.getOptionalString('authorityHost') ?? 'https://login.microsoftonline.com',
    baseUrl: (section.getOptionalString('baseUrl') ?? 'https://graph.microsoft.com').replace(/\/+$/, ''),
    ...readRetryPolicy(section),
    defaultUsageLocation: section.getOptionalString('defaultUsageLocation'),
    siteProvisioningTimeoutMs: (section.getOptionalNumber('siteProvisioningTimeoutSeconds') ?? 120) * 1000,
  };
}
