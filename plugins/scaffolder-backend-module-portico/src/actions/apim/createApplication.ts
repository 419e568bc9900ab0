import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createApplicationSchema,
  ENVIRONMENTS,
  type CreateApplicationRequest,
} from '@portico/plugin-apim-common';
import type { ApimClient } from './ApimClient';
import { createApplicationExamples } from './createApplication.examples';
import { toTemplateExamples } from './exampleYaml';
import { blankToUndefined, DRY_RUN_ID, parseInput } from './validation';

export const CREATE_APPLICATION_ACTION_ID = 'apim:application:create';

/**
 * Creates an APIM application as the user who runs the template: the apim backend checks that they may create
 * applications and belong to the owner group.
 */
export function createApimApplicationCreateAction(options: {
  client: ApimClient;
}) {
  const { client } = options;
  return createTemplateAction({
    id: CREATE_APPLICATION_ACTION_ID,
    description:
      'Creates an APIM application owned by one of your groups, as the user who runs the template.',
    examples: toTemplateExamples(createApplicationExamples),
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Application name: 3 to 63 lowercase letters, digits and dashes, starting with a letter or digit',
            ),
        description: z =>
          z.string().optional().describe('What the application is for'),
        owner: z =>
          z
            .string()
            .describe(
              'Owner group, e.g. group:default/devops-acme; you must be a member of it',
            ),
        environments: z =>
          z
            .array(z.enum(ENVIRONMENTS))
            .describe(
              'Environments the application may hold keys and subscriptions for (1 to 3)',
            ),
      },
      output: {
        applicationId: z => z.string().describe('Id of the new application'),
        name: z => z.string().describe('Name of the new application'),
      },
    },
    async handler(ctx) {
      const request: CreateApplicationRequest = parseInput(
        createApplicationSchema,
        {
          name: ctx.input.name,
          description: blankToUndefined(ctx.input.description),
          owner: ctx.input.owner,
          environments: ctx.input.environments,
        },
      );

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create application '${request.name}' owned by ${
            request.owner
          } for ${request.environments.join(
            ', ',
          )}; the apim backend was not called`,
        );
        ctx.output('applicationId', DRY_RUN_ID);
        ctx.output('name', request.name);
        return;
      }

      // A task resumed after a restart must not create the application twice.
      const created = await ctx.checkpoint({
        key: `apim.application.create.${request.owner}.${request.name}`,
        fn: async () => {
          const application = await client.createApplication(request, {
            credentials: await ctx.getInitiatorCredentials(),
            signal: ctx.signal,
          });
          return { id: application.id, name: application.name };
        },
      });

      ctx.logger.info(
        `Created application '${created.name}' (${created.id}) owned by ${request.owner}`,
      );
      ctx.output('applicationId', created.id);
      ctx.output('name', created.name);
    },
  });
}
