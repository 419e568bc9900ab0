import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

export const REQUIRE_INTEGRATION_ACTION_ID = 'servicedesk:integration:require';

/**
 * The first step of service desk templates whose work is done in an outside system
 * (Microsoft Graph, SharePoint, Teams, the VPN gateway): it fails with a clear "not
 * configured" message while the integration's config is absent, so that the ticket goes to
 * the team instead of failing on a missing action or credential further down.
 */
export function createRequireIntegrationAction(options: { config: Config }) {
  return createTemplateAction({
    id: REQUIRE_INTEGRATION_ACTION_ID,
    description: 'Fails with a clear "not configured" message when an outside integration has no config.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Stop unless Microsoft Graph is configured',
        example: [
          'steps:',
          '  - id: require-graph',
          '    action: servicedesk:integration:require',
          '    input:',
          '      integration: Microsoft Graph',
          '      configKey: portico.integrations.microsoftGraph',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        integration: z => z.string().min(1).max(80).describe('Name shown in the message'),
        configKey: z => z.string().regex(/^[a-zA-Z0-9_.-]+$/).describe('The app-config key that configures it'),
      },
      output: {
        configured: z => z.boolean().describe('Always true: the step fails otherwise'),
      },
    },
    async handler(ctx) {
      const { integration, configKey } = ctx.input;
      if (!options.config.has(configKey)) {
        throw new Error(
          `${integration} is not configured (no ${configKey} in app-config): this request cannot be fulfilled automatically and goes to the service desk team.`,
        );
      }
      ctx.logger.info(`${integration} is configured (${configKey})`);
      ctx.output('configured', true);
    },
  });
}
