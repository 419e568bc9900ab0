import type { Config } from '@backstage/config';
import { isIntegrationConfigured } from '@portico/portico-node';

interface Requirement {
  name: string;
  key: string;
  required: readonly string[];
}

const GRAPH: Requirement = {
  name: 'Microsoft Graph',
  key: 'portico.integrations.microsoftGraph',
  required: ['tenantId', 'clientId', 'clientSecret'],
};
const VPN: Requirement = {
  name: 'The VPN gateway',
  key: 'portico.integrations.http.targets.vpn',
  required: ['baseUrl'],
};

/**
 * The outside system each shipped workflow needs (the scaffolder modules' config keys). A service whose workflow is
 * not listed needs nothing outside the portal.
 */
const REQUIREMENTS: Record<string, Requirement> = {
  'template:default/servicedesk-password-reset': GRAPH,
  'template:default/servicedesk-sharepoint-site': GRAPH,
  'template:default/servicedesk-teams-channel': GRAPH,
  'template:default/servicedesk-user-offboarding': GRAPH,
  'template:default/servicedesk-email-distribution': GRAPH,
  'template:default/servicedesk-vpn-access': VPN,
};

export type IntegrationReadiness = (
  workflowRef: string,
) => { name: string; configured: boolean; missingKey?: string } | undefined;

/** Read from config once: a change of app-config restarts the backend. */
export function integrationReadiness(config: Config): IntegrationReadiness {
  const cache = new Map<Requirement, boolean>();
  return workflowRef => {
    const requirement = REQUIREMENTS[workflowRef.toLocaleLowerCase('en-US')];
    if (!requirement) return undefined;
    if (!cache.has(requirement)) cache.set(requirement, isIntegrationConfigured(config, requirement));
    const configured = cache.get(requirement)!;
    if (configured) return { name: requirement.name, configured };
    const section = config.getOptionalConfig(requirement.key);
    const missing = requirement.required.find(k => !section?.getOptional(k)) ?? requirement.required[0];
    return { name: requirement.name, configured, missingKey: `${requirement.key}.${missing}` };
  };
}
