import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { PluginRestClient } from '../shared/PluginRestClient';

export const VERIFY_EXECUTION_ACTION_ID = 'lifecycle:sandbox:verify';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The first step of the lifecycle's provision and teardown templates: asks the lifecycle backend,
 * as the task's initiator, whether it started this task for this operation on this resource with
 * this template. The backend answers only a task a service started (a user's run is refused), and
 * binds the execution to this task and no other.
 */
export function createLifecycleVerifyAction(options: { discovery: DiscoveryService; auth: AuthService }) {
  const rest = new PluginRestClient({ ...options, pluginId: 'lifecycle' });
  return createTemplateAction({
    id: VERIFY_EXECUTION_ACTION_ID,
    description:
      'Stops the task unless the lifecycle backend started it for this provisioning or teardown (first step of the lifecycle templates).',
    supportsDryRun: true,
    examples: [
      {
        description: 'The first step of a teardown template',
        example: [
          'steps:',
          '  - id: verify',
          '    name: Check with the lifecycle',
          '    action: lifecycle:sandbox:verify',
          '    input:',
          '      executionId: ${{ parameters.executionId }}',
          '      entityRef: ${{ parameters.entityRef }}',
          '      operation: teardown',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        executionId: z => z.string().describe('The execution the lifecycle backend passed as a parameter'),
        entityRef: z => z.string().describe('The resource, e.g. resource:default/sandbox-x'),
        operation: z => z.enum(['provision', 'teardown']),
      },
      output: {
        executionId: z => z.string(),
      },
    },
    async handler(ctx) {
      const { executionId, entityRef, operation } = ctx.input;
      if (!UUID.test(executionId ?? '')) throw new InputError('executionId: not an execution id (uuid)');
      const templateRef = ctx.templateInfo?.entityRef;
      if (!templateRef) throw new InputError('The task has no template: the lifecycle runs catalog templates');
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would verify the ${operation} of ${entityRef}; the lifecycle was not called`);
        ctx.output('executionId', executionId);
        return;
      }
      await rest.request(
        'POST',
        `/executions/${encodeURIComponent(executionId)}/verify`,
        { credentials: await ctx.getInitiatorCredentials(), signal: ctx.signal },
        `The lifecycle did not start this ${operation}`,
        { operation, entityRef, templateRef, taskId: ctx.task.id },
      );
      ctx.logger.info(`The lifecycle started this task for the ${operation} of ${entityRef}`);
      ctx.output('executionId', executionId);
    },
  });
}
