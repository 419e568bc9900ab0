import type { Knex } from 'knex';
import { columnValues, countOf } from '@portico/portico-node';
import {
  ACTIVE_STATES,
  SEVERITIES,
  type Severity,
} from '@portico/plugin-security-common';
import type {
  FindingEventRecord,
  FindingFilter,
  FindingRecord,
  FindingStore,
  SeverityCountRow,
} from './SecurityStore';
import { filteredFindings } from './findingQuery';
import {
  FINDING_INSERT_CHUNK,
  findingRow,
  toEvent,
  toFinding,
} from './findingRow';
import {
  chunks,
  FINDING_EVENTS,
  FINDINGS,
  IN_CHUNK,
  INSERT_CHUNK,
  type Db,
  type Row,
} from './tables';

/** Where an undated finding sorts: after every due date. */
const UNDATED = Number.MAX_SAFE_INTEGER;

const { num, optNum } = columnValues;

export class KnexFindingStore implements FindingStore {
  constructor(private readonly db: Db) {}

  async get(id: string) {
    const row = await this.db(FINDINGS).where({ id }).first();
    return row ? toFinding(row) : undefined;
  }

  async getMany(ids: string[]) {
    const result = new Map<string, FindingRecord>();
    for (const chunk of chunks(ids, IN_CHUNK)) {
      const rows = await this.db(FINDINGS).whereIn('id', chunk);
      for (const row of rows) result.set(row.id, toFinding(row));
    }
    return result;
  }

  async recomputeDue(
    componentRef: string,
    slaDays: Partial<Record<Severity, number>>,
    at: number,
  ) {
    let count = 0;
    for (const severity of SEVERITIES) {
      const days = slaDays[severity];
      count += await this.db(FINDINGS)
        .where({ component_ref: componentRef, severity })
        .whereIn('state', ACTIVE_STATES as string[])
        .update({
          due_at:
            days === undefined
              ? null
              : this.db.raw('first_seen_at + ?', [days * 86_400_000]),
          updated_at: at,
        });
    }
    return count;
  }

  async byFingerprints(fingerprints: string[]) {
    const result = new Map<string, FindingRecord>();
    for (const chunk of chunks(fingerprints, IN_CHUNK)) {
      const rows = await this.db(FINDINGS).whereIn('fingerprint', chunk);
      for (const row of rows) result.set(row.fingerprint, toFinding(row));
    }
    return result;
  }

  async ofArtifact(artifact: string, scanner: FindingRecord['scanner']) {
    const rows = await this.db(FINDINGS).where({ artifact, scanner });
    return rows.map(toFinding);
  }

  async insertMany(records: FindingRecord[]) {
    for (const chunk of chunks(records, FINDING_INSERT_CHUNK)) {
      await this.db(FINDINGS).insert(chunk.map(findingRow));
    }
  }

  async markSeen(
    ids: string[],
    seen: { at: number; scanId: string; digest?: string },
  ) {
    for (const chunk of chunks(ids, IN_CHUNK)) {
      await this.db(FINDINGS)
        .whereIn('id', chunk)
        .update({
          last_seen_at: seen.at,
          last_scan_id: seen.scanId,
          ...(seen.digest ? { digest: seen.digest } : {}),
          occurrences: this.db.raw('occurrences + 1'),
          updated_at: seen.at,
        });
    }
  }

  async unfixedOfArtifact(
    artifact: string,
    scanner: FindingRecord['scanner'],
    kinds: FindingRecord['kind'][],
  ) {
    if (!kinds.length) return [];
    const rows = await this.db(FINDINGS)
      .where({ artifact, scanner })
      .whereIn('kind', kinds)
      .whereNot('state', 'fixed');
    return rows.map(toFinding);
  }

  async update(
    id: string,
    expectedRevision: number,
    patch: Parameters<FindingStore['update']>[2],
  ) {
    const columns: Row = {
      updated_at: patch.at,
      revision: expectedRevision + 1,
    };
    if (patch.state !== undefined) columns.state = patch.state;
    if ('fixedAt' in patch) columns.fixed_at = patch.fixedAt ?? null;
    if ('dueAt' in patch) columns.due_at = patch.dueAt ?? null;
    if ('riskExpiresAt' in patch)
      columns.risk_expires_at = patch.riskExpiresAt ?? null;
    if (patch.lastSeenAt !== undefined) columns.last_seen_at = patch.lastSeenAt;
    if (patch.lastScanId !== undefined) columns.last_scan_id = patch.lastScanId;
    if (patch.digest !== undefined) columns.digest = patch.digest;
    const count = await this.db(FINDINGS)
      .where({ id, revision: expectedRevision })
      .update(columns);
    return count > 0;
  }

  async fixMany(findings: Array<{ id: string; revision: number }>, at: number) {
    const moved = new Set<string>();
    for (const chunk of chunks(findings, IN_CHUNK / 2)) {
      const rows: Row[] = await this.db(FINDINGS)
        .whereIn(
          ['id', 'revision'],
          chunk.map(f => [f.id, f.revision]),
        )
        .update({
          state: 'fixed',
          fixed_at: at,
          risk_expires_at: null,
          updated_at: at,
          revision: this.db.raw('revision + 1'),
        })
        .returning('id');
      for (const row of rows) moved.add(typeof row === 'string' ? row : row.id);
    }
    return moved;
  }

  async addEvents(entries: FindingEventRecord[]) {
    for (const chunk of chunks(entries, INSERT_CHUNK)) {
      await this.db(FINDING_EVENTS).insert(
        chunk.map(e => ({
          finding_id: e.findingId,
          action: e.action,
          from_state: e.from,
          to_state: e.to,
          actor: e.actor,
          comment: e.comment ?? null,
          at: e.at,
        })),
      );
    }
  }

  async timeline(findingId: string) {
    const rows = await this.db(FINDING_EVENTS)
      .where({ finding_id: findingId })
      .orderBy('seq');
    return rows.map(toEvent);
  }

  private filtered(filter: FindingFilter, now: number): Knex.QueryBuilder {
    return filteredFindings(this.db, filter, now);
  }

  async list(
    filter: FindingFilter,
    page: {
      limit: number;
      offset: number;
      sort: 'severity' | 'lastSeen' | 'due';
    },
    now: number,
  ) {
    const query = this.filtered(filter, now);
    const rows = query.clone().select('*');
    // Undated last, written so that the order indexes serve it (migration
    // 20261206140000_security_findings_order).
    const due = `coalesce(due_at, ${UNDATED})`;
    if (page.sort === 'lastSeen') rows.orderBy('last_seen_at', 'desc');
    else if (page.sort === 'due') rows.orderByRaw(due);
    else rows.orderBy('severity_rank').orderByRaw(due);
    rows.orderBy('id').limit(page.limit).offset(page.offset);
    const [items, totalCount] = await Promise.all([rows, countOf(query)]);
    return { items: items.map(toFinding), totalCount };
  }

  async countActive(now: number, filter: FindingFilter = {}) {
    const keys = ['component_ref', 'owner_ref', 'severity'];
    const rows = await this.filtered({ ...filter, state: undefined }, now)
      .whereIn('state', ACTIVE_STATES as string[])
      .select(...keys)
      .count({ count: '*' })
      .select(
        this.db.raw(
          'sum(case when due_at is not null and due_at < ? then 1 else 0 end) as overdue',
          [now],
        ),
      )
      .groupBy(keys);
    return rows.map(
      (row: Row): SeverityCountRow => ({
        componentRef: row.component_ref ?? null,
        ownerRef: row.owner_ref ?? null,
        severity: row.severity,
        count: num(row.count),
        overdue: num(row.overdue ?? 0),
      }),
    );
  }

  async countUnowned() {
    return countOf(
      this.db(FINDINGS)
        .whereNull('component_ref')
        .whereIn('state', ACTIVE_STATES as string[]),
    );
  }

  async meanTimeToFixMs(since: number, filter: FindingFilter = {}) {
    const row = await this.filtered({ ...filter, state: undefined }, since)
      .where('state', 'fixed')
      .where('fixed_at', '>=', since)
      .avg({ mean: this.db.raw('fixed_at - first_seen_at') })
      .first();
    return optNum(row?.mean);
  }

  async expiredAcceptances(now: number, limit: number) {
    const rows = await this.db(FINDINGS)
      .whereIn('state', ['risk_accepted', 'false_positive'])
      .where('risk_expires_at', '<=', now)
      .orderBy('risk_expires_at')
      .limit(limit);
    return rows.map(toFinding);
  }

  async relink(
    repositories: string[],
    link: { componentRef?: string; ownerRef?: string },
    at: number,
  ) {
    let count = 0;
    for (const chunk of chunks(repositories, IN_CHUNK)) {
      count += await this.db(FINDINGS)
        .whereIn('repository', chunk)
        .update({
          component_ref: link.componentRef ?? null,
          owner_ref: link.ownerRef ?? null,
          updated_at: at,
        });
    }
    return count;
  }

  async markRuntimeSeen(repository: string, at: number) {
    return this.db(FINDINGS)
      .where({ repository })
      .whereNot('scanner', 'falco')
      .whereIn('state', ACTIVE_STATES as string[])
      .update({ runtime_seen_at: at });
  }

  async activeOnArtifacts(
    query: {
      artifacts: string[];
      digests: string[];
      severities: Severity[];
      dueBefore?: number;
    },
    limit: number,
  ) {
    if (!query.artifacts.length && !query.digests.length) return [];
    const q = this.db(FINDINGS)
      .whereIn('state', ACTIVE_STATES as string[])
      .whereIn('severity', query.severities)
      .where(w => {
        if (query.artifacts.length) w.orWhereIn('artifact', query.artifacts);
        if (query.digests.length) w.orWhereIn('digest', query.digests);
      });
    if (query.dueBefore !== undefined)
      q.whereNotNull('due_at').where('due_at', '<', query.dueBefore);
    const rows = await q
      .orderBy('severity_rank')
      .orderBy('due_at')
      .orderBy('id')
      .limit(limit);
    return rows.map(toFinding);
  }
}
