import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type { Knex } from 'knex';
import { SYSTEM_ACTOR } from './events';

export const INCIDENT_TICKETS = 'security_incident_tickets';

/**
 * Falco alerts of an incident priority (`security.falco.incidentPriorities`) open a ticket of
 * the service desk's `incident_report` service, as the security plugin (its service token): one
 * ticket per runtime finding, never one per event or pod. Runs as a consumer of the plugin's own
 * `runtime-alert` events, so a service desk that is down only delays the ticket (retried).
 */
export class IncidentOpener {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      /** The plugin's database, read outside the consumer's transaction. */
      database: Knex;
      /**
       * `security.falco.incidentRequesterEmail`: the service desk files a service's request on
       * behalf of a requester (a 400 without one), here the security team's mailbox.
       */
      requesterEmail?: string;
    },
  ) {}

  /**
   * Files the ticket, outside the consumer's transaction (the service desk checks this plugin's
   * token against keys in this plugin's database: a transaction held across the call starves an
   * SQLite pool). Undefined when there is nothing to file.
   */
  async prepare(event: PorticoEvent): Promise<string | undefined> {
    if (event.type !== 'runtime-alert' || event.data.incident !== true)
      return undefined;
    const findingId = String(event.data.findingId);
    if (
      await this.options
        .database(INCIDENT_TICKETS)
        .where({ finding_id: findingId })
        .first()
    )
      return undefined;

    const requesterEmail = this.options.requesterEmail;
    if (!requesterEmail) {
      // Thrown, so the consumer keeps the event and retries once the operator sets the key.
      throw new Error(
        "Incident tickets need the config key 'security.falco.incidentRequesterEmail' (the service desk's requester)",
      );
    }
    const severity = String(event.data.severity);
    const affected = String(
      event.data.componentRef ?? event.data.artifact ?? 'unknown',
    );
    const base = await this.options.discovery.getBaseUrl('servicedesk');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'servicedesk',
    });
    const response = await fetch(`${base}/requests`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        service: 'incident_report',
        title:
          `Falco ${event.data.priority}: ${event.data.rule} on ${affected}`.slice(
            0,
            200,
          ),
        description: `${event.data.output}\n\nFinding: ${findingId}`.slice(
          0,
          5000,
        ),
        priority: severity === 'critical' ? 'critical' : 'high',
        requester_email: requesterEmail,
        formData: {
          severity: ['low', 'medium', 'high', 'critical'].includes(severity)
            ? severity
            : 'high',
          affectedService: affected,
          startedAt: event.occurredAt,
        },
      }),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const ticket = (await response.json()) as {
      ticketId?: string;
      id?: string;
    };
    return String(ticket.ticketId ?? ticket.id);
  }

  /** Links the ticket to the finding, in the transaction that marks the event processed. */
  async onEvent(
    event: PorticoEvent,
    trx: Knex.Transaction,
    ticketId: string | undefined,
  ): Promise<void> {
    if (!ticketId) return;
    const findingId = String(event.data.findingId);
    if (await trx(INCIDENT_TICKETS).where({ finding_id: findingId }).first()) {
      this.options.logger.warn(
        `Security: finding ${findingId} already had an incident ticket; ${ticketId} is a duplicate`,
      );
      return;
    }
    const now = Date.now();
    await trx(INCIDENT_TICKETS).insert({
      finding_id: findingId,
      ticket_id: ticketId,
      created_at: now,
    });
    const finding = await trx('security_findings')
      .where({ id: findingId })
      .first();
    if (finding) {
      await trx('security_finding_events').insert({
        finding_id: findingId,
        action: 'incident',
        from_state: finding.state,
        to_state: finding.state,
        actor: SYSTEM_ACTOR,
        comment: `Incident ticket ${ticketId} opened in the service desk`,
        at: now,
      });
    }
    this.options.logger.info(
      `Security: incident ticket ${ticketId} for runtime finding ${findingId}`,
    );
  }
}
