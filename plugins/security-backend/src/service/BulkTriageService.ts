import { randomUUID } from 'crypto';
import type {
  AuditorService,
  AuditorServiceEvent,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  ACTIVE_STATES,
  nextState,
  securityFindingReadPermission,
  type BulkTriageRequest,
  type BulkTriageResult,
} from '@portico/plugin-security-common';
import type { PorticoEventInput } from '@portico/plugin-portico-common';
import type {
  FindingEventRecord,
  FindingRecord,
  RiskRequestRecord,
  SecurityDatabase,
  SecurityStores,
} from '../database/SecurityStore';
import type { Caller } from './access';
import type { Clock } from './clock';
import { findingEvent, type EventSink } from './events';
import { mayRequestRisk, mayTriage } from './TriageService';
import { toFindingView } from './views';

type Tx = SecurityStores & { trx: import('knex').Knex.Transaction };

/**
 * Many findings moved in one call and one transaction, all or nothing: every finding is checked
 * (visible, the caller may act on it, the state allows it) before anything is written, and a
 * concurrent change of any of them rolls the whole call back. Each finding still gets its own
 * timeline entry, outbox event and audit record, as if moved one by one.
 */
export class BulkTriageService {
  constructor(
    private readonly options: {
      db: SecurityDatabase;
      events: EventSink;
      auditor: AuditorService;
      clock: Clock;
    },
  ) {}

  async apply(
    caller: Caller,
    body: BulkTriageRequest,
  ): Promise<BulkTriageResult> {
    caller.require(securityFindingReadPermission);
    const { auditor, db, clock } = this.options;
    const risk = body.action === 'request_risk';
    const audits: AuditorServiceEvent[] = await Promise.all(
      body.ids.map(findingId =>
        auditor.createEvent({
          eventId: risk ? 'risk-request' : 'finding-triage',
          severityLevel: risk ? 'medium' : 'low',
          meta: {
            actor: caller.userRef,
            findingId,
            action: risk ? body.kind : body.action,
            bulk: true,
          },
        }),
      ),
    );
    const now = clock.now();
    try {
      await db.transaction(async tx => {
        const findings = await this.checked(tx, caller, body);
        if (body.action === 'request_risk') {
          await this.requestRisks(tx, caller, body, findings, now);
        } else {
          await this.move(tx, caller, body, findings, now);
        }
      });
    } catch (error) {
      await Promise.all(audits.map(a => a.fail({ error: error as Error })));
      throw error;
    }
    await Promise.all(audits.map(a => a.success()));
    const after = await db.findings.getMany(body.ids);
    return {
      items: body.ids.map(id => toFindingView(after.get(id)!, now)),
    };
  }

  /** Every finding, read in the transaction, or the first problem naming its index and id. */
  private async checked(
    tx: Tx,
    caller: Caller,
    body: BulkTriageRequest,
  ): Promise<FindingRecord[]> {
    const found = await tx.findings.getMany(body.ids);
    const findings: FindingRecord[] = [];
    for (const [i, id] of body.ids.entries()) {
      const finding = found.get(id);
      // One the caller may not see is reported as unknown, as GET /findings/:id does.
      if (!finding || !caller.sees(finding.ownerRef)) {
        throw new InputError(`ids.${i}: no finding ${id}`);
      }
      if (body.action === 'request_risk') {
        if (!mayRequestRisk(caller, finding)) {
          throw new NotAllowedError(
            `ids.${i}: only ${
              finding.ownerRef ?? 'the owners'
            } and the security group ask for a risk acceptance of finding ${id}`,
          );
        }
        if (!ACTIVE_STATES.includes(finding.state)) {
          throw new ConflictError(
            `ids.${i}: finding ${id} is ${finding.state} and takes no risk request`,
          );
        }
        if (await tx.risks.pendingForFinding(id)) {
          throw new ConflictError(
            `ids.${i}: a risk request for finding ${id} is already waiting for a decision`,
          );
        }
      } else {
        if (!mayTriage(caller, finding)) {
          throw new NotAllowedError(
            `ids.${i}: only ${
              finding.ownerRef ?? 'the owners'
            } and the security group triage finding ${id}`,
          );
        }
        if (!nextState(finding.state, body.action)) {
          throw new ConflictError(
            `ids.${i}: finding ${id} is ${finding.state} and cannot ${body.action}`,
          );
        }
      }
      findings.push(finding);
    }
    return findings;
  }

  private async move(
    tx: Tx,
    caller: Caller,
    body: Exclude<BulkTriageRequest, { action: 'request_risk' }>,
    findings: FindingRecord[],
    now: number,
  ) {
    const timeline: FindingEventRecord[] = [];
    const events: PorticoEventInput[] = [];
    for (const finding of findings) {
      const to = nextState(finding.state, body.action)!;
      const reopening =
        body.action === 'reopen' && !ACTIVE_STATES.includes(finding.state);
      await this.update(tx, finding, {
        state: to,
        ...(reopening ? { riskExpiresAt: undefined } : {}),
        at: now,
      });
      timeline.push({
        findingId: finding.id,
        action: body.action,
        from: finding.state,
        to,
        actor: caller.userRef,
        comment: body.comment,
        at: now,
      });
      events.push(
        findingEvent(
          'finding-triaged',
          caller.userRef,
          { ...finding, state: to },
          now,
          { action: body.action, from: finding.state, bulk: true },
        ),
      );
    }
    await tx.findings.addEvents(timeline);
    await this.options.events.publish(tx.trx, ...events);
  }

  private async requestRisks(
    tx: Tx,
    caller: Caller,
    body: Extract<BulkTriageRequest, { action: 'request_risk' }>,
    findings: FindingRecord[],
    now: number,
  ) {
    const events: PorticoEventInput[] = [];
    for (const finding of findings) {
      const request: RiskRequestRecord = {
        id: randomUUID(),
        findingId: finding.id,
        kind: body.kind,
        justification: body.justification,
        expiresAt: Date.parse(body.expiresAt),
        requestedBy: caller.userRef,
        state: 'pending',
        revision: 0,
        createdAt: now,
      };
      await tx.risks.insert(request);
      // Bumps the revision, as a single request does: a triage read before it does not overtake it.
      await this.update(tx, finding, { at: now });
      events.push(
        findingEvent('risk-requested', caller.userRef, finding, now, {
          riskRequestId: request.id,
          kind: request.kind,
          expiresAt: body.expiresAt,
          bulk: true,
        }),
      );
    }
    await this.options.events.publish(tx.trx, ...events);
  }

  private async update(
    tx: Tx,
    finding: FindingRecord,
    patch: Parameters<Tx['findings']['update']>[2],
  ) {
    if (!(await tx.findings.update(finding.id, finding.revision, patch))) {
      throw new ConflictError(
        `Finding ${finding.id} changed meanwhile; nothing was changed, reload and try again`,
      );
    }
  }
}
