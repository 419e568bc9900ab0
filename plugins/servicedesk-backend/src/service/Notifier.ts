import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { RequestRecord } from '../database/ServicedeskStore';

type Severity = 'low' | 'normal' | 'high' | 'critical';

const PRIORITY_SEVERITY: Record<RequestRecord['priority'], Severity> = {
  low: 'normal',
  medium: 'normal',
  high: 'high',
  critical: 'critical',
};

/**
 * In-portal notifications about tickets (Slack and e-mail follow where the notifications
 * backend has them configured). Sent after the commit, best effort: a notification that
 * cannot be sent is logged, never undoes the change.
 */
export class Notifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  private async send(
    recipients: Array<string | undefined>,
    request: RequestRecord,
    title: string,
    description: string,
    severity: Severity = 'normal',
  ) {
    const entityRef = [...new Set(recipients.filter((r): r is string => !!r))];
    if (entityRef.length === 0) return;
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: {
          title,
          description,
          link: `/servicedesk/requests/${request.ticketId}`,
          severity,
          topic: 'servicedesk',
          scope: `servicedesk:${request.ticketId}`,
        },
      });
    } catch (error) {
      this.logger.warn(`Could not notify ${entityRef.join(', ')} about ${request.ticketId}: ${error}`);
    }
  }

  newTicket(request: RequestRecord) {
    const severity = PRIORITY_SEVERITY[request.priority];
    return this.send(
      [request.team],
      request,
      `${request.ticketId}: ${request.serviceName} — ${request.title}`,
      request.assignedTo
        ? `New ${request.priority} ticket, assigned to ${request.assignedTo}.`
        : `New ${request.priority} ticket in the team's queue.`,
      severity,
    );
  }

  assigned(request: RequestRecord, by: string) {
    return this.send([request.assignedTo], request, `${request.ticketId} is assigned to you`, `${by} assigned "${request.title}" to you.`);
  }

  resolved(request: RequestRecord) {
    return this.send(
      [request.requesterRef],
      request,
      `${request.ticketId} is resolved`,
      request.resolutionNotes ?? `Your request "${request.title}" is resolved.`,
    );
  }

  automationFailed(request: RequestRecord, error: string) {
    return Promise.all([
      this.send([request.team], request, `${request.ticketId}: automation failed`, `${error} The ticket is in the team's queue.`, 'high'),
      this.send(
        [request.requesterRef],
        request,
        `${request.ticketId}: handed to the service desk`,
        'The automation could not complete your request; an agent will take it over.',
      ),
    ]);
  }

  slaBreached(request: RequestRecord) {
    return this.send(
      [request.team, request.assignedTo],
      request,
      `${request.ticketId}: SLA breached`,
      `"${request.title}" (${request.priority}) is past its ${request.slaHours} h SLA.`,
      'high',
    );
  }

  commented(request: RequestRecord, author: string, recipients: Array<string | undefined>) {
    return this.send(
      recipients.filter(r => r !== author),
      request,
      `${request.ticketId}: new comment`,
      `${author} commented on "${request.title}".`,
    );
  }
}
