import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { ServicedeskClient } from './ServicedeskClient';

export const VERIFY_REQUEST_ACTION_ID = 'servicedesk:request:verify';

const TICKET = /^SD-[0-9]{6,}$/;

/**
 * The first step of an auto-fulfilment template: asks the service desk, as the task's
 * initiator, whether this task is the automation of this ticket. The service desk answers only
 * a task it started itself (a user's run is refused), for a ticket whose automation is running
 * with this very template, and binds the ticket's automation to this task.
 */
export function createServicedeskRequestVerifyAction(options: { client: ServicedeskClient }) {
  const { client } = options;
  return createTemplateAction({
    id: VERIFY_REQUEST_ACTION_ID,
    description:
      'Stops the task unless the service desk started it for a ticket whose automation is running (first step of auto-fulfilment templates).',
    supportsDryRun: true,
    examples: [
      {
        description: 'The first step of an auto-fulfilment template',
        example: [
          'steps:',
          '  - id: verify',
          '    name: Check the ticket with the service desk',
          '    action: servicedesk:request:verify',
          '    input:',
          '      ticketId: ${{ parameters.ticketId }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        ticketId: z => z.string().describe('The service desk ticket, e.g. SD-000123'),
      },
      output: {
        ticketId: z => z.string().describe('The verified ticket'),
      },
    },
    async handler(ctx) {
      const { ticketId } = ctx.input;
      if (!TICKET.test(ticketId)) throw new InputError('ticketId: expected SD- and at least six digits');
      const templateRef = ctx.templateInfo?.entityRef;
      if (!templateRef) throw new InputError('The task has no template: an automation runs a catalog template');
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would verify the automation of ${ticketId}; the service desk was not called`);
        ctx.output('ticketId', ticketId);
        return;
      }
      const verified = await client.verifyAutomation(
        ticketId,
        { templateRef, taskId: ctx.task.id },
        { credentials: await ctx.getInitiatorCredentials(), signal: ctx.signal },
      );
      ctx.logger.info(`${verified.ticketId}: this task is its automation (${verified.templateRef})`);
      ctx.output('ticketId', verified.ticketId);
    },
  });
}
