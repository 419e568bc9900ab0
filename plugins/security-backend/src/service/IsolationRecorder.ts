import type {
  AuditorService,
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError, ResponseError } from '@backstage/errors';
import {
  securityFindingTriagePermission,
  type IsolationRecord,
  type IsolationRecorded,
} from '@portico/plugin-security-common';
import type { SecurityDatabase } from '../database/SecurityStore';
import type { Caller } from './access';
import type { Clock } from './clock';
import { INCIDENT_TICKETS } from './IncidentOpener';

/**
 * The isolation playbook reports back (its last template step, as the security member who ran
 * it): the result goes on the runtime finding's timeline and, as the security plugin that filed
 * it, on the finding's incident ticket. The ticket is commented first: a service desk that
 * refuses leaves nothing recorded, and the step can be run again.
 */
export class IsolationRecorder {
  constructor(
    private readonly options: {
      db: SecurityDatabase;
      auditor: AuditorService;
      discovery: DiscoveryService;
      auth: AuthService;
      clock: Clock;
    },
  ) {}

  async record(
    caller: Caller,
    findingId: string,
    input: IsolationRecord,
  ): Promise<IsolationRecorded> {
    caller.require(securityFindingTriagePermission);
    const { db, clock } = this.options;
    const finding = await db.findings.get(findingId);
    if (!finding) throw new NotFoundError(`No finding ${findingId}`);
    if (finding.kind !== 'runtime') {
      throw new InputError(
        `findingId: ${findingId} is a ${finding.kind} finding; containers are isolated for runtime (Falco) findings`,
      );
    }
    const audit = await this.options.auditor.createEvent({
      eventId: 'security-isolation',
      severityLevel: 'high',
      meta: {
        actor: caller.userRef,
        findingId,
        containerId: input.containerId,
        steps: input.steps,
      },
    });
    try {
      const link = await db
        .knex(INCIDENT_TICKETS)
        .where({ finding_id: findingId })
        .first();
      const ticketId: string | undefined = link?.ticket_id;
      const text = [
        `Container ${input.containerId} isolated by ${caller.userRef}: ${input.summary}`,
        input.snapshotImage
          ? `Snapshot image: ${input.snapshotImage}`
          : undefined,
        input.taskId ? `Scaffolder task: ${input.taskId}` : undefined,
      ]
        .filter(Boolean)
        .join('\n');
      if (ticketId)
        await this.commentOnTicket(ticketId, `${text}\nFinding: ${findingId}`);
      await db.findings.addEvents([
        {
          findingId,
          action: 'isolation',
          from: finding.state,
          to: finding.state,
          actor: caller.userRef,
          comment: ticketId
            ? `${text}\nOn the incident ticket ${ticketId}`
            : text,
          at: clock.now(),
        },
      ]);
      await audit.success({ meta: { ticketId: ticketId ?? null } });
      return { findingId, ...(ticketId ? { ticketId } : {}) };
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  private async commentOnTicket(ticketId: string, body: string): Promise<void> {
    const base = await this.options.discovery.getBaseUrl('servicedesk');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'servicedesk',
    });
    const response = await fetch(
      `${base}/requests/${encodeURIComponent(ticketId)}/comments`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({
          body: body.slice(0, 5000),
          visibility: 'public',
        }),
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
  }
}
