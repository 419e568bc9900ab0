import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { approvalSchema } from '@portico/plugin-promotions-common';
import { toTemplateExamples } from '../apim/exampleYaml';
import { parseInput } from '../apim/validation';
import { approvePromotionExamples } from './examples';
import type { PromotionsClient } from './PromotionsClient';

export const APPROVE_PROMOTION_ACTION_ID = 'promotions:request:approve';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Approves a promotion request as the user who runs the template. The promotions backend decides as for a click in
 * the portal: an approver of the request's tenant, never the requester, one winner among concurrent decisions.
 */
export function createPromotionRequestApproveAction(options: {
  client: PromotionsClient;
}) {
  const { client } = options;
  return createTemplateAction({
    id: APPROVE_PROMOTION_ACTION_ID,
    description:
      'Approves a promotion request as the user who runs the template (never their own request).',
    examples: toTemplateExamples(approvePromotionExamples),
    supportsDryRun: true,
    schema: {
      input: {
        requestId: z => z.string().describe('Id of the promotion request'),
        comment: z => z.string().optional().describe('Why it may go'),
      },
      output: {
        state: z =>
          z
            .string()
            .describe(
              "The request's state after the approval: DEPLOYING, or PENDING if more approvers are needed",
            ),
      },
    },
    async handler(ctx) {
      if (!UUID.test(ctx.input.requestId))
        throw new InputError('requestId: not an id (uuid)');
      const { comment } = parseInput(approvalSchema, {
        comment: ctx.input.comment,
      });
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would approve promotion request ${ctx.input.requestId}; the promotions backend was not called`,
        );
        ctx.output('state', 'PENDING');
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const request = await client.approveRequest(
        ctx.input.requestId,
        comment,
        { credentials, signal: ctx.signal },
      );
      ctx.logger.info(`Promotion request ${request.id} is ${request.state}`);
      ctx.output('state', request.state);
    },
  });
}
