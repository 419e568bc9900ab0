import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { provisionSchema } from '@portico/plugin-lifecycle-common';
import { PluginRestClient } from '../shared/PluginRestClient';

export const PROVISION_RESOURCE_ACTION_ID = 'lifecycle:resource:provision';

/**
 * Asks the lifecycle backend to provision a resource, as the user who runs the template: the backend
 * checks `lifecycle.resource.provision`, records the request on the resource's timeline and starts the
 * type's executor. Its clock gives the `created-at` tag, so the TTL counts from the lifecycle's time.
 */
export function createProvisionResourceAction(options: { discovery: DiscoveryService; auth: AuthService }) {
  const rest = new PluginRestClient({ ...options, pluginId: 'lifecycle' });
  return createTemplateAction({
    id: PROVISION_RESOURCE_ACTION_ID,
    description: 'Asks the lifecycle backend to provision a resource (namespace, database...) through its executor.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Provision a sandbox namespace',
        example: [
          'steps:',
          '  - id: provision',
          '    action: lifecycle:resource:provision',
          '    input:',
          '      entityRef: resource:default/sandbox-checkout',
          '      type: namespace',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        entityRef: z => z.string().describe('The resource entity ref, e.g. resource:default/sandbox-x'),
        type: z => z.string().describe('The resource type: namespace, database, bucket...'),
      },
      output: {
        createdAt: z => z.string().describe("The lifecycle's time of the request (ISO 8601): the created-at tag"),
        taskId: z => z.string().optional().describe("The executor's task, when it runs one"),
        status: z => z.string().describe('running, succeeded or failed'),
      },
    },
    async handler(ctx) {
      const parsed = provisionSchema.safeParse({ entityRef: ctx.input.entityRef, type: ctx.input.type });
      if (!parsed.success) {
        throw new InputError(parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; '));
      }
      if (ctx.isDryRun) {
        ctx.output('createdAt', new Date().toISOString());
        ctx.output('status', 'succeeded');
        return;
      }
      const result = await rest.request<{ createdAt: string; taskId?: string; status: string; message?: string }>(
        'POST',
        '/provisions',
        { credentials: await ctx.getInitiatorCredentials() },
        `Could not provision ${parsed.data.entityRef}`,
        parsed.data,
      );
      if (result.status === 'failed') throw new Error(`Provisioning failed: ${result.message ?? 'no reason given'}`);
      ctx.logger.info(`Provisioning of ${parsed.data.entityRef}: ${result.status}${result.message ? ` (${result.message})` : ''}`);
      ctx.output('createdAt', result.createdAt);
      if (result.taskId) ctx.output('taskId', result.taskId);
      ctx.output('status', result.status);
    },
  });
}
