import { ApprovalRule, type ApproverSet } from '@portico/portico-node';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  nextState,
  SECURITY_GROUP,
  securityRiskApprovePermission,
  type FindingDetails,
} from '@portico/plugin-security-common';
import type {
  FindingRecord,
  RiskRequestRecord,
  SecurityDatabase,
} from '../database/SecurityStore';
import type { Caller } from './access';
import type { Clock } from './clock';
import { findingEvent, type EventSink } from './events';
import type { QueryService } from './QueryService';

/**
 * Who decides a risk request: members of `security`, never the requester (the rule), never a
 * member of the group that owns the component (separation of duties from the catalog).
 */
export function riskApprovers(finding: FindingRecord): ApproverSet {
  return {
    groups: [SECURITY_GROUP],
    excludedGroups: finding.ownerRef ? [finding.ownerRef] : [],
    describe: 'members of the security group',
    refusals: {
      requester: decision =>
        `You asked for this risk request, so you cannot ${decision} it: another member of security decides`,
      excluded: (decision, group) =>
        `You are a member of ${group}, which owns the component, so you cannot ${decision} its risk request: a member of security outside it decides`,
    },
  };
}

/** Whether the rule lets the caller decide the request (what the UI offers; the server checks again). */
export function mayDecideRisk(
  rule: ApprovalRule,
  caller: Caller,
  finding: FindingRecord,
  request: RiskRequestRecord,
): boolean {
  if (!caller.has(securityRiskApprovePermission)) return false;
  try {
    rule.check({
      decider: { userRef: caller.userRef, groups: caller.groups },
      decision: 'approve',
      subject: {
        kind: 'risk request',
        id: request.id,
        requestedBy: request.requestedBy,
        state: request.state,
      },
      approvers: riskApprovers(finding),
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Approving or rejecting a risk acceptance or false positive, through the shared approval rule:
 * an approval moves the finding to risk_accepted / false_positive until the expiry; a rejection
 * leaves it as it is. One transaction each, with its timeline entry and event.
 */
export class RiskDecisionService {
  constructor(
    private readonly options: {
      db: SecurityDatabase;
      events: EventSink;
      rule: ApprovalRule;
      clock: Clock;
      queries: QueryService;
    },
  ) {}

  async decide(
    caller: Caller,
    requestId: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<FindingDetails> {
    const { db, rule, clock, events } = this.options;
    const findingId = await rule.decide(
      {
        decider: { userRef: caller.userRef, groups: caller.groups },
        decision,
        target: { kind: 'risk request', id: requestId },
        audit: {
          eventId: 'risk-decision',
          meta: { riskRequestId: requestId, decision, actor: caller.userRef },
        },
        load: async () => {
          caller.require(securityRiskApprovePermission);
          const request = await db.risks.get(requestId);
          if (!request) throw new NotFoundError(`No risk request ${requestId}`);
          const finding = await db.findings.get(request.findingId);
          if (!finding)
            throw new NotFoundError(`No finding ${request.findingId}`);
          if (request.state !== 'pending')
            throw new ConflictError(
              `The risk request is ${request.state} already`,
            );
          const recorded =
            (await db.riskApprovals.forSubjects([requestId])).get(requestId) ??
            [];
          return {
            subject: {
              kind: 'risk request',
              id: requestId,
              requestedBy: request.requestedBy,
              state: request.state,
            },
            approvers: riskApprovers(finding),
            recorded,
            request,
            finding,
          };
        },
      },
      async (tally, { subject, request, finding }) => {
        const now = clock.now();
        await db.transaction(async tx => {
          if (decision === 'reject') {
            if (
              !(await tx.risks.decide(request.id, request.revision, {
                state: 'rejected',
                decidedBy: caller.userRef,
                decisionComment: comment,
                decidedAt: now,
              }))
            ) {
              throw ApprovalRule.lostRace(
                subject,
                decision,
                (await tx.risks.get(request.id))?.state,
              );
            }
            await tx.findings.addEvents([
              {
                findingId: finding.id,
                action: 'reject_risk',
                from: finding.state,
                to: finding.state,
                actor: caller.userRef,
                comment,
                at: now,
              },
            ]);
            await events.publish(
              tx.trx,
              findingEvent('risk-rejected', caller.userRef, finding, now, {
                riskRequestId: request.id,
                kind: request.kind,
              }),
            );
            return;
          }
          await tx.riskApprovals.add(request.id, {
            approver: caller.userRef,
            comment,
            at: now,
          });
          if (!tally.complete) return;
          const action =
            request.kind === 'risk_accepted'
              ? 'accept_risk'
              : 'mark_false_positive';
          const to = nextState(finding.state, action);
          if (!to)
            throw new ConflictError(
              `The finding is ${finding.state}: there is no risk to accept any more`,
            );
          const decided = await tx.risks.decide(request.id, request.revision, {
            state: 'approved',
            decidedBy: caller.userRef,
            decisionComment: comment,
            decidedAt: now,
          });
          const moved =
            decided &&
            (await tx.findings.update(finding.id, finding.revision, {
              state: to,
              riskExpiresAt: request.expiresAt,
              at: now,
            }));
          if (!moved)
            throw ApprovalRule.lostRace(
              subject,
              decision,
              (await tx.risks.get(request.id))?.state,
            );
          await tx.findings.addEvents([
            {
              findingId: finding.id,
              action,
              from: finding.state,
              to,
              actor: caller.userRef,
              comment: `Asked by ${request.requestedBy} until ${new Date(
                request.expiresAt,
              )
                .toISOString()
                .slice(0, 10)}: ${request.justification}`,
              at: now,
            },
          ]);
          await events.publish(
            tx.trx,
            findingEvent(
              'risk-accepted',
              caller.userRef,
              { ...finding, state: to, riskExpiresAt: request.expiresAt },
              now,
              {
                riskRequestId: request.id,
                kind: request.kind,
                requestedBy: request.requestedBy,
                expiresAt: new Date(request.expiresAt).toISOString(),
              },
            ),
          );
        });
        return finding.id;
      },
    );
    return this.options.queries.details(caller, findingId);
  }
}
