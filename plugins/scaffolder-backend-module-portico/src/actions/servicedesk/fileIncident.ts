import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';

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
 * Files an incident from a service desk ticket: gives it an id (INC- and the ticket's
 * number), routes it by severity to the on-call group and says how fast it must be answered.
 * The template's next step notifies that group. Needs nothing outside the portal.
 */
export function createFileIncidentAction() {
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
        ticketId: z => z.string().regex(/^SD-\d{6,}$/).describe('The service desk ticket, e.g. SD-000123'),
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
      },
    },
    async handler(ctx) {
      const { ticketId, severity, affectedService, title } = ctx.input;
      const route = ROUTING[severity];
      if (!route) throw new InputError(`severity: one of ${SEVERITIES.join(', ')}`);
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
