import type { Knex } from 'knex';
import {
  columnValues,
  countOf,
  KnexApprovalStore,
  migratePluginDatabase,
  PluginDatabase,
  type ApprovalStore,
} from '@portico/portico-node';
import {
  ACTIVE_STATES,
  SEVERITIES,
  type Severity,
} from '@portico/plugin-security-common';
import type {
  ComponentRecord,
  ComponentStore,
  FalcoEventRecord,
  FindingEventRecord,
  FindingFilter,
  FindingRecord,
  FindingStore,
  ReportStore,
  RiskRequestRecord,
  RiskRequestStore,
  RuntimeEventStore,
  ScanRecord,
  ScanStore,
  SecurityDatabase,
  SecurityStores,
  SeverityCountRow,
} from './SecurityStore';
import { filteredFindings, FINDINGS } from './findingQuery';
import { KnexReportStore } from './KnexReportStore';
import {
  KnexVulnerabilityTicketStore,
  type VulnerabilityTicketStore,
} from './KnexVulnerabilityTicketStore';

export const COMPONENTS = 'security_components';
export const COMPONENT_IMAGES = 'security_component_images';
export const SCANS = 'security_scans';
export { FINDINGS } from './findingQuery';
export const OCCURRENCES = 'security_occurrences';
export const FINDING_EVENTS = 'security_finding_events';
export const RISK_REQUESTS = 'security_risk_requests';
export const FALCO_EVENTS = 'security_falco_events';
export const RISK_APPROVALS = 'security_risk_approvals';

export const SECURITY_PACKAGE = '@portico/plugin-security-backend';

type Db = Knex | Knex.Transaction;
type Row = Record<string, any>;

const { num, optNum, optStr } = columnValues;

/** Parameters per statement stay well under SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const IN_CHUNK = 500;
const INSERT_CHUNK = 100;
/** Finding rows have 33 columns: about 300 rows per insert, a few statements for a large report. */
const FINDING_INSERT_CHUNK = Math.floor(10_000 / 33);

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    result.push(items.slice(i, i + size));
  return result;
}

export const severityRank = (severity: Severity) =>
  SEVERITIES.indexOf(severity);

function toFinding(row: Row): FindingRecord {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    scanner: row.scanner,
    kind: row.kind,
    ruleId: row.rule_id,
    title: row.title,
    description: optStr(row.description),
    severity: row.severity,
    cvssScore: optNum(row.cvss_score),
    pkgName: optStr(row.pkg_name),
    installedVersion: optStr(row.installed_version),
    fixedVersion: optStr(row.fixed_version),
    target: optStr(row.target),
    primaryUrl: optStr(row.primary_url),
    artifact: row.artifact,
    repository: row.repository,
    digest: optStr(row.digest),
    componentRef: optStr(row.component_ref),
    ownerRef: optStr(row.owner_ref),
    state: row.state,
    revision: num(row.revision),
    occurrences: num(row.occurrences),
    firstScanId: optStr(row.first_scan_id),
    lastScanId: optStr(row.last_scan_id),
    firstSeenAt: num(row.first_seen_at),
    lastSeenAt: num(row.last_seen_at),
    fixedAt: optNum(row.fixed_at),
    dueAt: optNum(row.due_at),
    runtimeSeenAt: optNum(row.runtime_seen_at),
    riskExpiresAt: optNum(row.risk_expires_at),
    updatedAt: num(row.updated_at),
  };
}

function findingRow(r: FindingRecord): Row {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    scanner: r.scanner,
    kind: r.kind,
    rule_id: r.ruleId,
    title: r.title,
    description: r.description ?? null,
    severity: r.severity,
    severity_rank: severityRank(r.severity),
    cvss_score: r.cvssScore ?? null,
    pkg_name: r.pkgName ?? null,
    installed_version: r.installedVersion ?? null,
    fixed_version: r.fixedVersion ?? null,
    target: r.target ?? null,
    primary_url: r.primaryUrl ?? null,
    artifact: r.artifact,
    repository: r.repository,
    digest: r.digest ?? null,
    component_ref: r.componentRef ?? null,
    owner_ref: r.ownerRef ?? null,
    state: r.state,
    revision: r.revision,
    occurrences: r.occurrences,
    first_scan_id: r.firstScanId ?? null,
    last_scan_id: r.lastScanId ?? null,
    first_seen_at: r.firstSeenAt,
    last_seen_at: r.lastSeenAt,
    fixed_at: r.fixedAt ?? null,
    due_at: r.dueAt ?? null,
    runtime_seen_at: r.runtimeSeenAt ?? null,
    risk_expires_at: r.riskExpiresAt ?? null,
    updated_at: r.updatedAt,
  };
}

function toEvent(row: Row): FindingEventRecord {
  return {
    findingId: row.finding_id,
    action: row.action,
    from: row.from_state ?? null,
    to: row.to_state,
    actor: row.actor,
    comment: optStr(row.comment),
    at: num(row.at),
  };
}

function toScan(row: Row): ScanRecord {
  return {
    id: row.id,
    scanner: row.scanner,
    artifact: row.artifact,
    repository: row.repository,
    digest: optStr(row.digest),
    imageId: optStr(row.image_id),
    payloadHash: row.payload_hash,
    actor: row.actor,
    summary: row.summary,
    createdAt: num(row.created_at),
  };
}

function toComponent(row: Row): ComponentRecord {
  return {
    entityRef: row.entity_ref,
    title: optStr(row.title),
    ownerRef: optStr(row.owner_ref),
    namespace: optStr(row.namespace),
    images: JSON.parse(row.images),
    hash: row.hash,
    tier: optStr(row.tier),
    lifecycle: optStr(row.lifecycle),
    slaDays: row.sla_days ? JSON.parse(row.sla_days) : undefined,
    slaSources: row.sla_sources ? JSON.parse(row.sla_sources) : undefined,
    slaError: optStr(row.sla_error),
  };
}

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

function toFalco(row: Row): FalcoEventRecord {
  return {
    uuid: row.uuid,
    rule: row.rule,
    priority: row.priority,
    severity: row.severity,
    output: row.output,
    eventTime: num(row.event_time),
    hostname: optStr(row.hostname),
    containerId: optStr(row.container_id),
    imageRepository: optStr(row.image_repository),
    namespace: optStr(row.namespace),
    componentRef: optStr(row.component_ref),
    findingId: optStr(row.finding_id),
    fields: optStr(row.fields),
    receivedAt: num(row.received_at),
  };
}

class KnexFindingStore implements FindingStore {
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
    if (page.sort === 'lastSeen') rows.orderBy('last_seen_at', 'desc');
    else if (page.sort === 'due')
      rows.orderByRaw('case when due_at is null then 1 else 0 end, due_at');
    else
      rows
        .orderBy('severity_rank')
        .orderByRaw('case when due_at is null then 1 else 0 end, due_at');
    rows.orderBy('id').limit(page.limit).offset(page.offset);
    const [items, totalCount] = await Promise.all([rows, countOf(query)]);
    return { items: items.map(toFinding), totalCount };
  }

  async countActive(
    groupBy: 'component_ref' | 'owner_ref' | null,
    now: number,
    filter: FindingFilter = {},
  ) {
    const query = this.filtered({ ...filter, state: undefined }, now).whereIn(
      'state',
      ACTIVE_STATES as string[],
    );
    const keys = groupBy ? [groupBy, 'severity'] : ['severity'];
    const rows = await query
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
        key: groupBy ? row[groupBy] ?? null : null,
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

class KnexScanStore implements ScanStore {
  constructor(private readonly db: Db) {}

  async insert(r: ScanRecord) {
    await this.db(SCANS).insert({
      id: r.id,
      scanner: r.scanner,
      artifact: r.artifact,
      repository: r.repository,
      digest: r.digest ?? null,
      image_id: r.imageId ?? null,
      payload_hash: r.payloadHash,
      actor: r.actor,
      summary: r.summary,
      created_at: r.createdAt,
    });
  }

  async byPayloadHash(hash: string) {
    const row = await this.db(SCANS).where({ payload_hash: hash }).first();
    return row ? toScan(row) : undefined;
  }

  async addOccurrences(scanId: string, findingIds: string[], at: number) {
    for (const chunk of chunks(findingIds, IN_CHUNK)) {
      await this.db(OCCURRENCES).insert(
        chunk.map(id => ({ finding_id: id, scan_id: scanId, at })),
      );
    }
  }

  /** The scans after the first (occurrences) and the first one (the finding's first_scan_id). */
  async recentForFinding(findingId: string, limit: number) {
    const rows = await this.db(SCANS)
      .whereIn(
        'id',
        this.db(OCCURRENCES).select('scan_id').where('finding_id', findingId),
      )
      .orWhereIn(
        'id',
        this.db(FINDINGS).select('first_scan_id').where('id', findingId),
      )
      .select(`${SCANS}.*`)
      .orderBy(`${SCANS}.created_at`, 'desc')
      .limit(limit);
    return rows.map(toScan);
  }
}

class KnexComponentStore implements ComponentStore {
  constructor(private readonly db: Db) {}

  async get(entityRef: string) {
    const row = await this.db(COMPONENTS)
      .where({ entity_ref: entityRef })
      .first();
    return row ? toComponent(row) : undefined;
  }

  async byRepository(repository: string) {
    // Two components naming the same image: the first by ref, the same one every time.
    const row = await this.db(COMPONENTS)
      .join(
        COMPONENT_IMAGES,
        `${COMPONENT_IMAGES}.entity_ref`,
        `${COMPONENTS}.entity_ref`,
      )
      .where(`${COMPONENT_IMAGES}.repository`, repository)
      .select(`${COMPONENTS}.*`)
      .orderBy(`${COMPONENTS}.entity_ref`)
      .first();
    return row ? toComponent(row) : undefined;
  }

  async byNamespace(namespace: string) {
    const row = await this.db(COMPONENTS)
      .where({ namespace })
      .orderBy('entity_ref')
      .first();
    return row ? toComponent(row) : undefined;
  }

  async hashes(entityRefs: string[]) {
    const result = new Map<string, string>();
    for (const chunk of chunks(entityRefs, IN_CHUNK)) {
      const rows = await this.db(COMPONENTS)
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'hash');
      for (const row of rows) result.set(row.entity_ref, row.hash);
    }
    return result;
  }

  async upsert(r: ComponentRecord, run: string, at: number) {
    await this.db(COMPONENTS)
      .insert({
        entity_ref: r.entityRef,
        title: r.title ?? null,
        owner_ref: r.ownerRef ?? null,
        namespace: r.namespace ?? null,
        images: JSON.stringify(r.images),
        hash: r.hash,
        tier: r.tier ?? null,
        lifecycle: r.lifecycle ?? null,
        sla_days: r.slaDays ? JSON.stringify(r.slaDays) : null,
        sla_sources: r.slaSources ? JSON.stringify(r.slaSources) : null,
        sla_error: r.slaError ?? null,
        sync_run: run,
        updated_at: at,
      })
      .onConflict('entity_ref')
      .merge();
    await this.db(COMPONENT_IMAGES).where({ entity_ref: r.entityRef }).delete();
    if (r.images.length) {
      await this.db(COMPONENT_IMAGES).insert(
        r.images.map(repository => ({ repository, entity_ref: r.entityRef })),
      );
    }
  }

  async touch(entityRefs: string[], run: string) {
    for (const chunk of chunks(entityRefs, IN_CHUNK)) {
      await this.db(COMPONENTS)
        .whereIn('entity_ref', chunk)
        .update({ sync_run: run });
    }
  }

  async removeNotSeen(run: string) {
    const rows = await this.db(COMPONENTS).whereNot('sync_run', run);
    const removed = rows.map(toComponent);
    for (const chunk of chunks(
      removed.map(r => r.entityRef),
      IN_CHUNK,
    )) {
      await this.db(COMPONENT_IMAGES).whereIn('entity_ref', chunk).delete();
      await this.db(COMPONENTS).whereIn('entity_ref', chunk).delete();
    }
    return removed;
  }
}

class KnexRiskRequestStore implements RiskRequestStore {
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

class KnexRuntimeEventStore implements RuntimeEventStore {
  constructor(private readonly db: Db) {}

  async insertIfNew(r: FalcoEventRecord) {
    const inserted = await this.db(FALCO_EVENTS)
      .insert({
        uuid: r.uuid,
        rule: r.rule,
        priority: r.priority,
        severity: r.severity,
        output: r.output,
        event_time: r.eventTime,
        hostname: r.hostname ?? null,
        container_id: r.containerId ?? null,
        image_repository: r.imageRepository ?? null,
        namespace: r.namespace ?? null,
        component_ref: r.componentRef ?? null,
        finding_id: r.findingId ?? null,
        fields: r.fields ?? null,
        received_at: r.receivedAt,
      })
      .onConflict('uuid')
      .ignore()
      .returning('uuid');
    return inserted.length > 0;
  }

  async list(
    filter: { componentRef?: string; visibleOwners?: string[] },
    page: { limit: number; offset: number },
  ) {
    const query = this.db(FALCO_EVENTS);
    if (filter.componentRef) query.where('component_ref', filter.componentRef);
    if (filter.visibleOwners) {
      const owners = filter.visibleOwners;
      query.whereIn(
        'finding_id',
        this.db(FINDINGS).select('id').whereIn('owner_ref', owners),
      );
    }
    const [rows, totalCount] = await Promise.all([
      query
        .clone()
        .select('*')
        .orderBy('event_time', 'desc')
        .orderBy('uuid')
        .limit(page.limit)
        .offset(page.offset),
      countOf(query),
    ]);
    return { items: rows.map(toFalco), totalCount };
  }
}

export function storesOn(db: Db): SecurityStores {
  return {
    findings: new KnexFindingStore(db),
    scans: new KnexScanStore(db),
    components: new KnexComponentStore(db),
    risks: new KnexRiskRequestStore(db),
    riskApprovals: new KnexApprovalStore(db, {
      table: RISK_APPROVALS,
      subjectColumn: 'risk_request_id',
    }),
    runtime: new KnexRuntimeEventStore(db),
    reports: new KnexReportStore(db),
    tickets: new KnexVulnerabilityTicketStore(db),
  };
}

export class KnexSecurityDatabase
  extends PluginDatabase<SecurityStores>
  implements SecurityDatabase
{
  declare readonly findings: FindingStore;
  declare readonly scans: ScanStore;
  declare readonly components: ComponentStore;
  declare readonly risks: RiskRequestStore;
  declare readonly riskApprovals: ApprovalStore;
  declare readonly runtime: RuntimeEventStore;
  declare readonly reports: ReportStore;
  declare readonly tickets: VulnerabilityTicketStore;

  static async create(options: {
    knex: Knex;
    skipMigrations?: boolean;
  }): Promise<KnexSecurityDatabase> {
    await migratePluginDatabase(options.knex, {
      packageName: SECURITY_PACKAGE,
      skipMigrations: options.skipMigrations,
    });
    return new KnexSecurityDatabase(options.knex);
  }

  constructor(knex: Knex) {
    super(knex, storesOn);
  }
}
