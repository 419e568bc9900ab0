import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { toTemplateExamples } from '../apim/exampleYaml';
import { verifyAttemptExamples } from './examples';
import type { PromotionsClient } from './PromotionsClient';

export const VERIFY_ATTEMPT_ACTION_ID = 'promotions:attempt:verify';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The first step of a template that deploys with the promotions plugin's authority: asks the
 * promotions backend, as the task's initiator, whether this task may deploy this attempt. The
 * backend answers only a task the promotions plugin started (a user's run is refused), only for
 * an approved, unfinished attempt that matches the task's parameters, and binds the attempt to
 * this task so that a second task for it stops here.
 */
export function createPromotionAttemptVerifyAction(options: { client: PromotionsClient }) {
  const { client } = options;
  return createTemplateAction({
    id: VERIFY_ATTEMPT_ACTION_ID,
    description:
      'Stops the task unless the promotions plugin started it for an approved, unfinished deployment attempt (first step of deployment templates).',
    examples: toTemplateExamples(verifyAttemptExamples),
    supportsDryRun: true,
    schema: {
      input: {
        requestId: z => z.string().describe('Id of the promotion request'),
        attemptId: z => z.string().describe('Id of the deployment attempt'),
        componentRef: z => z.string().describe('The component the task deploys'),
        version: z => z.string().describe('The version the task deploys'),
        toEnvironment: z => z.string().describe('The environment the task deploys to'),
      },
      output: {
        attempt: z => z.number().describe('The attempt number'),
      },
    },
    async handler(ctx) {
      const { requestId, attemptId, componentRef, version, toEnvironment } = ctx.input;
      if (!UUID.test(requestId)) throw new InputError('requestId: not an id (uuid)');
      if (!UUID.test(attemptId)) throw new InputError('attemptId: not an id (uuid)');
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would verify deployment attempt ${attemptId}; the promotions backend was not called`);
        ctx.output('attempt', 0);
        return;
      }
      const verified = await client.verifyAttempt(
        attemptId,
        { requestId, taskId: ctx.task.id, componentRef, version, toEnvironment },
        { credentials: await ctx.getInitiatorCredentials(), signal: ctx.signal },
      );
      ctx.logger.info(
        `Attempt ${verified.attempt} of promotion ${verified.requestId} is approved and bound to this task: deploying ${verified.componentRef} ${verified.version} to ${verified.toEnvironment}`,
      );
      ctx.output('attempt', verified.attempt);
    },
  });
}
