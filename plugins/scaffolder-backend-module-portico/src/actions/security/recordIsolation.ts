import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { SecurityClient } from './SecurityClient';

export const RECORD_ISOLATION_ACTION_ID = 'security:finding:record-isolation';

/**
 * The last step of the isolation playbook (templates/security-isolate-container): puts what
 * docker:container:isolate did on the runtime finding's timeline and on its incident ticket, as
 * the task's initiator (the security backend requires security.finding.triage).
 */
export function createRecordIsolationAction(options: { client: SecurityClient }) {
  const { client } = options;
  return createTemplateAction({
    id: RECORD_ISOLATION_ACTION_ID,
    description:
      "Records the isolation playbook's result on a runtime finding and its incident ticket (security backend).",
    supportsDryRun: true,
    examples: [
      {
        description: 'After docker:container:isolate (step id isolate)',
        example: [
          'steps:',
          '  - id: record',
          '    name: Record the result on the finding and its ticket',
          '    action: security:finding:record-isolation',
          '    input:',
          '      findingId: ${{ parameters.findingId }}',
          '      containerId: ${{ parameters.containerId }}',
          '      summary: ${{ steps.isolate.output.summary }}',
          '      steps: ${{ steps.isolate.output.steps }}',
          '      snapshotImage: ${{ steps.isolate.output.snapshotImage }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        findingId: z => z.string().uuid().describe('The runtime (Falco) finding'),
        containerId: z => z.string().describe('The isolated container'),
        summary: z => z.string().min(1).max(1000).describe('What was done, in one line'),
        steps: z => z.array(z.string()).default([]).describe('The steps of docker:container:isolate'),
        snapshotImage: z => z.string().optional(),
      },
      output: {
        ticketId: z => z.string().optional().describe('The incident ticket that got the comment'),
      },
    },
    async handler(ctx) {
      const { findingId, containerId, summary, steps, snapshotImage } = ctx.input;
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would record "${summary}" on finding ${findingId} and its incident ticket`);
        return;
      }
      const recorded = await client.recordIsolation(
        findingId,
        { containerId, summary, steps, snapshotImage, taskId: ctx.task?.id },
        { credentials: await ctx.getInitiatorCredentials(), signal: ctx.signal },
      );
      ctx.logger.info(
        `Recorded on finding ${findingId}${recorded.ticketId ? ` and on ticket ${recorded.ticketId}` : ' (no incident ticket)'}`,
      );
      if (recorded.ticketId) ctx.output('ticketId', recorded.ticketId);
    },
  });
}
