import { randomUUID } from 'crypto';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  ACTIVE_STATES,
  nextState,
  securityFindingTriagePermission,
  securityRiskRequestPermission,
  triageActionsFrom,
  type CreateRiskRequest,
  type FindingDetails,
  type FindingPermittedActions,
  type TriageRequest,
} from '@portico/plugin-security-common';
import type {
  FindingRecord,
  RiskRequestRecord,
  SecurityDatabase,
} from '../database/SecurityStore';
import type { Caller } from './access';
import type { Clock } from './clock';
import { findingEvent, SYSTEM_ACTOR, type EventSink } from './events';
import type { QueryService } from './QueryService';
import { mayDecideRisk } from './RiskDecisionService';
import { mayFileTicket } from './VulnerabilityTicketService';
import type { ApprovalRule } from '@portico/portico-node';

/** Owners work their findings; security works all of them. */
export function mayTriage(caller: Caller, finding: FindingRecord): boolean {
  return (
    caller.has(securityFindingTriagePermission) ||
    caller.isMemberOf(finding.ownerRef)
  );
}

export function mayRequestRisk(
  caller: Caller,
  finding: FindingRecord,
): boolean {
  return (
    caller.has(securityRiskRequestPermission) &&
    (caller.isSecurityMember() || caller.isMemberOf(finding.ownerRef))
  );
}

export function permittedActions(
  rule: ApprovalRule,
  caller: Caller,
  finding: FindingRecord,
  pending: RiskRequestRecord | undefined,
  ticketLinked = false,
): FindingPermittedActions {
  return {
    triage: mayTriage(caller, finding) ? triageActionsFrom(finding.state) : [],
    requestRisk:
      !pending &&
      ACTIVE_STATES.includes(finding.state) &&
      mayRequestRisk(caller, finding),
    decideRisk:
      pending !== undefined && mayDecideRisk(rule, caller, finding, pending),
    fileTicket: !ticketLinked && mayFileTicket(caller, finding),
  };
}

/** People's changes to findings: triage and risk requests, each one transaction with its event. */
export class TriageService {
  constructor(
    private readonly options: {
      db: SecurityDatabase;
      events: EventSink;
      auditor: AuditorService;
      clock: Clock;
      queries: QueryService;
    },
  ) {}

  async triage(
    caller: Caller,
    id: string,
    body: TriageRequest,
  ): Promise<FindingDetails> {
    const audit = await this.options.auditor.createEvent({
      eventId: 'finding-triage',
      severityLevel: 'low',
      meta: { actor: caller.userRef, findingId: id, action: body.action },
    });
    try {
      const finding = await this.options.queries.visibleFinding(caller, id);
      if (!mayTriage(caller, finding)) {
        throw new NotAllowedError(
          `Only ${
            finding.ownerRef ?? 'the owners'
          } and the security group triage this finding`,
        );
      }
      const to = nextState(finding.state, body.action);
      if (!to)
        throw new ConflictError(
          `A finding in state ${finding.state} cannot ${body.action}`,
        );
      if (body.revision !== undefined && body.revision !== finding.revision) {
        throw new ConflictError(
          `The finding changed since you read it (revision ${finding.revision}); reload it`,
        );
      }
      const now = this.options.clock.now();
      await this.options.db.transaction(async tx => {
        const reopening =
          body.action === 'reopen' && !ACTIVE_STATES.includes(finding.state);
        const moved = await tx.findings.update(finding.id, finding.revision, {
          state: to,
          ...(reopening ? { riskExpiresAt: undefined } : {}),
          at: now,
        });
        if (!moved)
          throw new ConflictError('The finding changed meanwhile; reload it');
        await tx.findings.addEvents([
          {
            findingId: id,
            action: body.action,
            from: finding.state,
            to,
            actor: caller.userRef,
            comment: body.comment,
            at: now,
          },
        ]);
        await this.options.events.publish(
          tx.trx,
          findingEvent(
            'finding-triaged',
            caller.userRef,
            { ...finding, state: to },
            now,
            { action: body.action, from: finding.state },
          ),
        );
      });
      await audit.success();
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
    return this.options.queries.details(caller, id);
  }

  async requestRisk(
    caller: Caller,
    id: string,
    body: CreateRiskRequest,
  ): Promise<FindingDetails> {
    const audit = await this.options.auditor.createEvent({
      eventId: 'risk-request',
      severityLevel: 'medium',
      meta: { actor: caller.userRef, findingId: id, kind: body.kind },
    });
    try {
      const finding = await this.options.queries.visibleFinding(caller, id);
      if (!mayRequestRisk(caller, finding)) {
        throw new NotAllowedError(
          `Only ${
            finding.ownerRef ?? 'the owners'
          } and the security group ask for a risk acceptance here`,
        );
      }
      if (!ACTIVE_STATES.includes(finding.state)) {
        throw new ConflictError(
          `A finding in state ${finding.state} takes no risk request`,
        );
      }
      const now = this.options.clock.now();
      await this.options.db.transaction(async tx => {
        if (await tx.risks.pendingForFinding(id)) {
          throw new ConflictError(
            'A risk request for this finding is already waiting for a decision',
          );
        }
        const request: RiskRequestRecord = {
          id: randomUUID(),
          findingId: id,
          kind: body.kind,
          justification: body.justification,
          expiresAt: Date.parse(body.expiresAt),
          requestedBy: caller.userRef,
          state: 'pending',
          revision: 0,
          createdAt: now,
        };
        await tx.risks.insert(request);
        // Bumps the finding's revision: a triage read before the request does not overtake it.
        if (
          !(await tx.findings.update(finding.id, finding.revision, { at: now }))
        ) {
          throw new ConflictError('The finding changed meanwhile; reload it');
        }
        await this.options.events.publish(
          tx.trx,
          findingEvent('risk-requested', caller.userRef, finding, now, {
            riskRequestId: request.id,
            kind: request.kind,
            expiresAt: body.expiresAt,
          }),
        );
      });
      await audit.success();
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
    return this.options.queries.details(caller, id);
  }

  /** The scheduled task: accepted risks and false positives whose expiry passed are open again. */
  async reopenExpired(limit = 500): Promise<number> {
    const now = this.options.clock.now();
    const expired = await this.options.db.findings.expiredAcceptances(
      now,
      limit,
    );
    let count = 0;
    for (const finding of expired) {
      if (await this.reopenOne(finding, now)) count++;
    }
    return count;
  }

  private async reopenOne(
    finding: FindingRecord,
    now: number,
  ): Promise<boolean> {
    return this.options.db.transaction(async tx => {
      const to = nextState(finding.state, 'expire')!;
      if (
        !(await tx.findings.update(finding.id, finding.revision, {
          state: to,
          riskExpiresAt: undefined,
          at: now,
        }))
      )
        return false;
      await tx.findings.addEvents([
        {
          findingId: finding.id,
          action: 'expire',
          from: finding.state,
          to,
          actor: SYSTEM_ACTOR,
          comment: 'The acceptance expired',
          at: now,
        },
      ]);
      await this.options.events.publish(
        tx.trx,
        findingEvent(
          'risk-expired',
          SYSTEM_ACTOR,
          { ...finding, state: to },
          now,
        ),
      );
      return true;
    });
  }
}
