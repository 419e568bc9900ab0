import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import type { ServicedeskClient } from './ServicedeskClient';

export const FILE_INCIDENT_ACTION_ID = 'servicedesk:incident:file';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
type Severity = (typeof SEVERITIES)[number];

/** Who is paged, and how loudly, for each severity. */
const ROUTING: Record<Severity, { onCall: string; notification: 'low' | 'normal' | 'high' | 'critical'; respondWithin: string }> = {
  low: { onCall: 'group:default/servicedesk-agents', notification: 'low', respondWithin: 'next business day' },
  medium: { onCall: 'group:default/servicedesk-agents', notification: 'normal', respondWithin: '4 hours' },
  high: { onCall: 'group:default/sre', notification: 'high', respondWithin: '30 minutes' },
  critical: { onCall: 'group:default/sre', notification: 'critical', respondWithin: '15 minutes' },
};

/**
 * Files an incident. Without `ticketId` (a scan, an alert, any template) it files a real `incident_report` ticket in
 * the service desk as the template's user, whose own workflow then routes it. With `ticketId` (that workflow) the
 * ticket exists: it gives the incident its id (INC- and the ticket's number), routes it by severity to the on-call
 * group and says how fast it must be answered; the template's next step notifies that group. Never both, so the
 * workflow cannot file itself again.
 */
export function createFileIncidentAction(options: { client?: ServicedeskClient } = {}) {
  return createTemplateAction({
    id: FILE_INCIDENT_ACTION_ID,
    description: 'Files an incident with its severity and routes it to the on-call group (for the incident_report service).',
    supportsDryRun: true,
    examples: [
      {
        description: 'File a high-severity incident from ticket SD-000123',
        example: [
          'steps:',
          '  - id: file',
          '    action: servicedesk:incident:file',
          '    input:',
          "      ticketId: SD-000123",
          '      severity: high',
          '      affectedService: checkout',
          "      title: Checkout returns 502",
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        ticketId: z => z.string().regex(/^SD-\d{6,}$/).optional().describe('The service desk ticket, e.g. SD-000123; absent: a ticket is filed'),
        severity: z => z.enum(SEVERITIES).describe('low, medium, high or critical'),
        affectedService: z => z.string().min(1).max(200).describe('What is broken'),
        title: z => z.string().min(1).max(200).describe('The incident in one line'),
        description: z => z.string().max(5000).optional().describe('What happened'),
      },
      output: {
        incidentId: z => z.string().describe('INC- and the ticket number'),
        severity: z => z.string(),
        onCallGroup: z => z.string().describe('The group paged for this severity'),
        notificationSeverity: z => z.string().describe('Severity for notification:send'),
        summary: z => z.string().describe('One line for the ticket resolution'),
        ticketId: z => z.string().describe('The service desk ticket of the incident'),
        url: z => z.string().describe("The ticket's page in the portal"),
      },
    },
    async handler(ctx) {
      const { severity, affectedService, title } = ctx.input;
      const route = ROUTING[severity];
      if (!route) throw new InputError(`severity: one of ${SEVERITIES.join(', ')}`);
      let ticketId = ctx.input.ticketId;
      if (!ticketId) {
        if (ctx.isDryRun || !options.client) {
          ctx.logger.info(`Dry run: would file an incident_report ticket (${severity}) for ${affectedService}`);
          ticketId = 'SD-000000';
        } else {
          const client = options.client;
          const credentials = await ctx.getInitiatorCredentials();
          // A retried task must not file a second ticket.
          ticketId = await ctx.checkpoint({
            key: `servicedesk.incident.file.${affectedService}.${title}`,
            fn: async () =>
              (
                await client.fileRequest(
                  {
                    service: 'incident_report',
                    title,
                    description: ctx.input.description,
                    priority: severity,
                    formData: { severity, affectedService },
                  },
                  { credentials, signal: ctx.signal },
                )
              ).ticketId,
          });
          ctx.logger.info(`Filed ${ticketId}; the service desk's incident workflow routes it`);
        }
      }
      ctx.output('ticketId', ticketId);
      ctx.output('url', `/servicedesk/requests/${ticketId}`);
      const incidentId = ticketId.replace(/^SD-/, 'INC-');
      const summary = `Incident ${incidentId} filed with severity ${severity} for ${affectedService} ("${title}"); ${route.onCall.replace('group:default/', '')} notified, response within ${route.respondWithin}.`;
      ctx.logger.info(summary);
      ctx.output('incidentId', incidentId);
      ctx.output('severity', severity);
      ctx.output('onCallGroup', route.onCall);
      ctx.output('notificationSeverity', route.notification);
      ctx.output('summary', summary);
    },
  });
}
