import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createApplicationSchema,
  createSubscriptionSchema,
  ENVIRONMENTS,
} from '@portico/plugin-apim-common';
import { normalizeGroupRef, type ApimClient } from './ApimClient';
import { createSubscriptionExamples } from './createSubscription.examples';
import { toTemplateExamples } from './exampleYaml';
import { blankToUndefined, DRY_RUN_ID, parseInput } from './validation';

export const CREATE_SUBSCRIPTION_ACTION_ID = 'apim:subscription:create';

const APPLICATION_CHOICE =
  'give either applicationId, or applicationName with owner';

/**
 * Subscribes an application to an API plan in one environment, as the user who runs the template. Auto plans are
 * active at once; manual plans stay pending until a member of the API's owner group (never the requester)
 * approves.
 */
export function createApimSubscriptionCreateAction(options: {
  client: ApimClient;
}) {
  const { client } = options;
  return createTemplateAction({
    id: CREATE_SUBSCRIPTION_ACTION_ID,
    description:
      'Subscribes an APIM application to an API plan in one environment, as the user who runs the template.',
    examples: toTemplateExamples(createSubscriptionExamples),
    supportsDryRun: true,
    schema: {
      input: {
        applicationId: z =>
          z
            .string()
            .optional()
            .describe(`Id of the application (UUID); ${APPLICATION_CHOICE}`),
        applicationName: z =>
          z
            .string()
            .optional()
            .describe(
              'Name of the application, looked up among those of the owner group',
            ),
        owner: z =>
          z
            .string()
            .optional()
            .describe(
              "The application's owner group, e.g. group:default/devops-acme; with applicationName",
            ),
        apiRef: z =>
          z.string().describe('The API entity, e.g. api:default/payments-api'),
        plan: z =>
          z
            .string()
            .describe("Name of one of the API's plans, e.g. free or gold"),
        environment: z =>
          z.enum(ENVIRONMENTS).describe('Environment of the subscription'),
      },
      output: {
        subscriptionId: z => z.string().describe('Id of the new subscription'),
        state: z =>
          z
            .enum(['active', 'pending'])
            .describe(
              "'active' for an auto plan, 'pending' for a plan the API's owners approve",
            ),
        applicationId: z =>
          z
            .string()
            .describe(
              'Id of the subscribed application, also when given by name',
            ),
      },
    },
    async handler(ctx) {
      const applicationId = blankToUndefined(ctx.input.applicationId);
      const applicationName = blankToUndefined(ctx.input.applicationName);
      const owner = blankToUndefined(ctx.input.owner);

      if (applicationId && (applicationName || owner)) {
        throw new InputError(`applicationId: ${APPLICATION_CHOICE}, not both`);
      }
      if (!applicationId && !applicationName) {
        throw new InputError(`applicationId: required; ${APPLICATION_CHOICE}`);
      }
      if (!applicationId && !owner) {
        throw new InputError(
          'owner: required with applicationName, to find the application among its owner group',
        );
      }

      const subscriptionFields = {
        apiRef: ctx.input.apiRef,
        plan: ctx.input.plan,
        environment: ctx.input.environment,
      };
      // Everything but the application is checked before any lookup, so bad input costs no call.
      parseInput(
        createSubscriptionSchema.omit({ applicationId: true }),
        subscriptionFields,
      );
      const byName = applicationId
        ? undefined
        : parseInput(
            createApplicationSchema.pick({ name: true, owner: true }),
            { name: applicationName, owner },
            { renameFields: { name: 'applicationName' } },
          );
      if (applicationId) {
        parseInput(createSubscriptionSchema.pick({ applicationId: true }), {
          applicationId,
        });
      }

      if (ctx.isDryRun) {
        const application = byName
          ? `'${byName.name}' of ${normalizeGroupRef(byName.owner)}`
          : applicationId;
        ctx.logger.info(
          `Dry run: would subscribe application ${application} to ${subscriptionFields.apiRef} (plan ${subscriptionFields.plan}, ${subscriptionFields.environment}); the apim backend was not called, so the state shown is 'pending' whatever the plan's approval`,
        );
        ctx.output('subscriptionId', DRY_RUN_ID);
        ctx.output('state', 'pending');
        ctx.output('applicationId', applicationId ?? DRY_RUN_ID);
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      let resolvedApplicationId = applicationId;
      if (byName) {
        const application = await client.findApplication(byName, {
          credentials,
          signal: ctx.signal,
        });
        if (!application) {
          throw new NotFoundError(
            `applicationName: no application named '${
              byName.name
            }' is owned by ${normalizeGroupRef(
              byName.owner,
            )}, or you may not see it`,
          );
        }
        resolvedApplicationId = application.id;
      }
      const request = parseInput(createSubscriptionSchema, {
        applicationId: resolvedApplicationId,
        ...subscriptionFields,
      });

      // A task resumed after a restart must not ask for the subscription twice.
      const created = await ctx.checkpoint({
        key: `apim.subscription.create.${request.applicationId}.${request.apiRef}.${request.plan}.${request.environment}`,
        fn: async () => {
          const subscription = await client.createSubscription(request, {
            credentials,
            signal: ctx.signal,
          });
          return { id: subscription.id, state: subscription.state };
        },
      });

      if (created.state !== 'active' && created.state !== 'pending') {
        throw new Error(
          `The apim backend answered subscription ${created.id} in state '${created.state}'; expected 'active' or 'pending'`,
        );
      }
      ctx.logger.info(
        created.state === 'active'
          ? `Subscription ${created.id} is active: the plan '${request.plan}' is approved automatically`
          : `Subscription ${created.id} is pending until a member of the API's owner group approves it`,
      );
      ctx.output('subscriptionId', created.id);
      ctx.output('state', created.state);
      ctx.output('applicationId', request.applicationId);
    },
  });
}
