import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createPromotionSchema } from '@portico/plugin-promotions-common';
import { toTemplateExamples } from '../apim/exampleYaml';
import { blankToUndefined, DRY_RUN_ID, parseInput } from '../apim/validation';
import { createPromotionExamples } from './examples';
import type { PromotionsClient } from './PromotionsClient';

export const CREATE_PROMOTION_ACTION_ID = 'promotions:request:create';

/**
 * Requests the promotion of a component version to the next environment, as the user who runs the template. The
 * promotions backend checks that the user may request for the component's tenant; the request then waits for an
 * approver of the tenant who is not the requester.
 */
export function createPromotionRequestCreateAction(options: {
  client: PromotionsClient;
}) {
  const { client } = options;
  return createTemplateAction({
    id: CREATE_PROMOTION_ACTION_ID,
    description:
      'Requests the promotion of a component version (STAGING to PROD by default), as the user who runs the template.',
    examples: toTemplateExamples(createPromotionExamples),
    supportsDryRun: true,
    schema: {
      input: {
        componentRef: z =>
          z
            .string()
            .describe('The component, e.g. component:default/payments-gateway'),
        version: z =>
          z.string().describe('The version, tag or artifact to promote'),
        gitRef: z =>
          z.string().optional().describe('The git ref it was built from'),
        fromEnvironment: z =>
          z
            .string()
            .optional()
            .describe('Default: the first environment of the chain (STAGING)'),
        toEnvironment: z =>
          z.string().optional().describe('Default: the next one (PROD)'),
        justification: z =>
          z.string().describe('Why, in at least 10 characters'),
        rollbackPlan: z =>
          z.string().describe('How to roll back, in at least 10 characters'),
        changeWindowStart: z =>
          z
            .string()
            .optional()
            .describe('Start of the change window (ISO 8601)'),
        changeWindowEnd: z =>
          z.string().optional().describe('End of the change window (ISO 8601)'),
      },
      output: {
        requestId: z => z.string().describe('Id of the promotion request'),
        state: z => z.string().describe("'PENDING' until an approver decides"),
        tenant: z =>
          z.string().describe("The component's tenant, whose approvers decide"),
        url: z => z.string().describe("The request's page in the portal"),
      },
    },
    async handler(ctx) {
      const start = blankToUndefined(ctx.input.changeWindowStart);
      const end = blankToUndefined(ctx.input.changeWindowEnd);
      const body = parseInput(
        createPromotionSchema,
        {
          componentRef: ctx.input.componentRef,
          version: ctx.input.version,
          gitRef: blankToUndefined(ctx.input.gitRef),
          fromEnvironment: blankToUndefined(ctx.input.fromEnvironment),
          toEnvironment: blankToUndefined(ctx.input.toEnvironment),
          justification: ctx.input.justification,
          rollbackPlan: ctx.input.rollbackPlan,
          changeWindow: start || end ? { start, end } : undefined,
        },
        {
          renameFields: {
            'changeWindow.start': 'changeWindowStart',
            'changeWindow.end': 'changeWindowEnd',
          },
        },
      );

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would request the promotion of ${body.componentRef} ${body.version}; the promotions backend was not called`,
        );
        ctx.output('requestId', DRY_RUN_ID);
        ctx.output('state', 'PENDING');
        ctx.output('tenant', 'unknown');
        ctx.output('url', `/promotions/${DRY_RUN_ID}`);
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      // A task resumed after a restart must not file the request twice.
      const created = await ctx.checkpoint({
        key: `promotions.request.create.${body.componentRef}.${body.version}.${
          body.toEnvironment ?? 'next'
        }`,
        fn: async () => {
          const request = await client.createRequest(body, {
            credentials,
            signal: ctx.signal,
          });
          return {
            id: request.id,
            state: request.state,
            tenant: request.tenant,
            toEnvironment: request.toEnvironment,
          };
        },
      });
      ctx.logger.info(
        `Promotion request ${created.id} to ${created.toEnvironment} is ${created.state}: an approver of tenant '${created.tenant}' other than you decides`,
      );
      ctx.output('requestId', created.id);
      ctx.output('state', created.state);
      ctx.output('tenant', created.tenant);
      ctx.output('url', `/promotions/${created.id}`);
    },
  });
}
