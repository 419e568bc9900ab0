import { columnValues } from '@portico/portico-node';
import type { RiskRequestRecord, RiskRequestStore } from './SecurityStore';
import { RISK_REQUESTS, type Db, type Row } from './tables';

const { num, optNum, optStr } = columnValues;

function toRisk(row: Row): RiskRequestRecord {
  return {
    id: row.id,
    findingId: row.finding_id,
    kind: row.kind,
    justification: row.justification,
    expiresAt: num(row.expires_at),
    requestedBy: row.requested_by,
    state: row.state,
    revision: num(row.revision),
    decidedBy: optStr(row.decided_by),
    decisionComment: optStr(row.decision_comment),
    createdAt: num(row.created_at),
    decidedAt: optNum(row.decided_at),
  };
}

export class KnexRiskRequestStore implements RiskRequestStore {
  constructor(private readonly db: Db) {}

  async insert(r: RiskRequestRecord) {
    await this.db(RISK_REQUESTS).insert({
      id: r.id,
      finding_id: r.findingId,
      kind: r.kind,
      justification: r.justification,
      expires_at: r.expiresAt,
      requested_by: r.requestedBy,
      state: r.state,
      revision: r.revision,
      decided_by: r.decidedBy ?? null,
      decision_comment: r.decisionComment ?? null,
      created_at: r.createdAt,
      decided_at: r.decidedAt ?? null,
    });
  }

  async get(id: string) {
    const row = await this.db(RISK_REQUESTS).where({ id }).first();
    return row ? toRisk(row) : undefined;
  }

  async forFinding(findingId: string) {
    const rows = await this.db(RISK_REQUESTS)
      .where({ finding_id: findingId })
      .orderBy('created_at', 'desc')
      .orderBy('id');
    return rows.map(toRisk);
  }

  async pendingForFinding(findingId: string) {
    const row = await this.db(RISK_REQUESTS)
      .where({ finding_id: findingId, state: 'pending' })
      .first();
    return row ? toRisk(row) : undefined;
  }

  async decide(
    id: string,
    expectedRevision: number,
    patch: Parameters<RiskRequestStore['decide']>[2],
  ) {
    const count = await this.db(RISK_REQUESTS)
      .where({ id, revision: expectedRevision, state: 'pending' })
      .update({
        state: patch.state,
        decided_by: patch.decidedBy,
        decision_comment: patch.decisionComment ?? null,
        decided_at: patch.decidedAt,
        revision: expectedRevision + 1,
      });
    return count > 0;
  }
}
