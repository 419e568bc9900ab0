import { columnValues, countOf } from '@portico/portico-node';
import {
  formatTicketId,
  OPEN_STATUSES,
  PauseReason,
} from '@portico/plugin-servicedesk-common';
import type {
  CommentRecord,
  HistoryRecord,
  ListRequestsFilter,
  NewRequestRecord,
  PauseRecord,
  RequestRecord,
  RequestStore,
  ResolvedCounts,
} from './ServicedeskStore';
import {
  COMMENTS,
  Db,
  HISTORY,
  PAUSES,
  REQUESTS,
  Row,
  SERVICES,
} from './tables';

const { num, optNum, optStr, optBool } = columnValues;

function toRequest(row: Row): RequestRecord {
  return {
    number: num(row.number),
    ticketId: row.ticket_id ?? formatTicketId(num(row.number)),
    requesterRef: optStr(row.requester_ref),
    requesterEmail: optStr(row.requester_email),
    requesterName: optStr(row.requester_name),
    serviceSlug: row.service_slug,
    serviceName: row.service_name ?? row.service_slug,
    team: row.team,
    priority: row.priority,
    status: row.status,
    title: row.title,
    description: optStr(row.description),
    formData: JSON.parse(row.form_data),
    autoResolution: Boolean(row.auto_resolution),
    assignedTo: optStr(row.assigned_to),
    resolutionNotes: optStr(row.resolution_notes),
    createdBy: row.created_by,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
    resolvedAt: optNum(row.resolved_at),
    slaHours: Number(row.sla_hours),
    slaDueAt: num(row.sla_due_at),
    pausedSince: optNum(row.paused_since),
    pauseReason: optStr(row.pause_reason) as PauseReason | undefined,
    slaBreachedAt: optNum(row.sla_breached_at),
    slaMet: optBool(row.sla_met),
  };
}

const REQUEST_COLUMNS: Record<string, string> = {
  requesterRef: 'requester_ref',
  requesterEmail: 'requester_email',
  requesterName: 'requester_name',
  serviceSlug: 'service_slug',
  team: 'team',
  priority: 'priority',
  status: 'status',
  title: 'title',
  description: 'description',
  formData: 'form_data',
  autoResolution: 'auto_resolution',
  assignedTo: 'assigned_to',
  resolutionNotes: 'resolution_notes',
  createdBy: 'created_by',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  resolvedAt: 'resolved_at',
  slaHours: 'sla_hours',
  slaDueAt: 'sla_due_at',
  pausedSince: 'paused_since',
  pauseReason: 'pause_reason',
  slaBreachedAt: 'sla_breached_at',
  slaMet: 'sla_met',
};

function requestColumns(patch: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(patch)) {
    const column = REQUEST_COLUMNS[key];
    if (!column) throw new Error(`Unknown request field ${key}`);
    row[column] = key === 'formData' ? JSON.stringify(value) : value ?? null;
  }
  return row;
}

export class KnexRequestStore implements RequestStore {
  constructor(private readonly db: Db) {}

  private base() {
    return this.db(REQUESTS)
      .leftJoin(SERVICES, `${SERVICES}.slug`, `${REQUESTS}.service_slug`)
      .select(`${REQUESTS}.*`, `${SERVICES}.name as service_name`);
  }

  async insert(record: NewRequestRecord): Promise<RequestRecord> {
    const [inserted] = await this.db(REQUESTS)
      .insert(requestColumns(record))
      .returning('number');
    const number = num(
      typeof inserted === 'object' ? (inserted as Row).number : inserted,
    );
    await this.db(REQUESTS)
      .where({ number })
      .update({ ticket_id: formatTicketId(number) });
    return (await this.getWith(this.db, number))!;
  }

  private async getWith(
    db: Db,
    number: number,
    forUpdate = false,
  ): Promise<RequestRecord | undefined> {
    const query = db(REQUESTS)
      .leftJoin(SERVICES, `${SERVICES}.slug`, `${REQUESTS}.service_slug`)
      .select(`${REQUESTS}.*`, `${SERVICES}.name as service_name`)
      .where(`${REQUESTS}.number`, number);
    if (forUpdate && db.client.config.client === 'pg')
      query.forUpdate(REQUESTS);
    const row = await query.first();
    return row ? toRequest(row) : undefined;
  }

  get(number: number) {
    return this.getWith(this.db, number);
  }

  getForUpdate(number: number) {
    return this.getWith(this.db, number, true);
  }

  async list(
    filter: ListRequestsFilter,
  ): Promise<{ items: RequestRecord[]; totalCount: number }> {
    // Filtered and counted on the tickets alone: the service's name is joined to the page only.
    const query = this.db(REQUESTS);
    const col = (name: string) => `${REQUESTS}.${name}`;
    if (filter.requesterRef)
      query.where(col('requester_ref'), filter.requesterRef);
    if (filter.teams) query.whereIn(col('team'), filter.teams);
    if (filter.statuses?.length) query.whereIn(col('status'), filter.statuses);
    if (filter.priorities?.length)
      query.whereIn(col('priority'), filter.priorities);
    if (filter.serviceSlug)
      query.where(col('service_slug'), filter.serviceSlug);
    if (filter.assignedTo === null) query.whereNull(col('assigned_to'));
    else if (filter.assignedTo)
      query.where(col('assigned_to'), filter.assignedTo);
    if (filter.overdueAt !== undefined) {
      query
        .whereIn(col('status'), OPEN_STATUSES as string[])
        .whereNull(col('paused_since'))
        .where(col('sla_due_at'), '<', filter.overdueAt);
    }
    const [totalCount, rows] = await Promise.all([
      countOf(query),
      query
        .clone()
        .leftJoin(SERVICES, `${SERVICES}.slug`, col('service_slug'))
        .select(`${REQUESTS}.*`, `${SERVICES}.name as service_name`)
        .orderBy(col('number'), 'desc')
        .limit(filter.limit)
        .offset(filter.offset),
    ]);
    return { items: rows.map(toRequest), totalCount };
  }

  async update(
    number: number,
    patch: Parameters<RequestStore['update']>[1],
  ): Promise<void> {
    await this.db(REQUESTS).where({ number }).update(requestColumns(patch));
  }

  async addHistory(number: number, entry: HistoryRecord): Promise<void> {
    await this.db(HISTORY).insert({
      request_number: number,
      from_status: entry.fromStatus ?? null,
      to_status: entry.toStatus,
      actor: entry.actor,
      note: entry.note ?? null,
      at: entry.at,
    });
  }

  async history(number: number): Promise<HistoryRecord[]> {
    const rows = await this.db(HISTORY)
      .where({ request_number: number })
      .orderBy('seq');
    return rows.map((row: Row) => ({
      fromStatus: optStr(row.from_status) as HistoryRecord['fromStatus'],
      toStatus: row.to_status,
      actor: row.actor,
      note: optStr(row.note),
      at: num(row.at),
    }));
  }

  async addComment(record: CommentRecord): Promise<void> {
    await this.db(COMMENTS).insert({
      id: record.id,
      request_number: record.requestNumber,
      author: record.author,
      body: record.body,
      visibility: record.visibility,
      created_at: record.createdAt,
    });
  }

  async comments(number: number): Promise<CommentRecord[]> {
    const rows = await this.db(COMMENTS)
      .where({ request_number: number })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map((row: Row) => ({
      id: row.id,
      requestNumber: num(row.request_number),
      author: row.author,
      body: row.body,
      visibility: row.visibility,
      createdAt: num(row.created_at),
    }));
  }

  async startPause(
    number: number,
    reason: PauseReason,
    at: number,
  ): Promise<void> {
    await this.db(PAUSES).insert({
      request_number: number,
      reason,
      started_at: at,
    });
  }

  async endPause(number: number, at: number): Promise<void> {
    await this.db(PAUSES)
      .where({ request_number: number })
      .whereNull('ended_at')
      .update({ ended_at: at });
  }

  async pauses(number: number): Promise<PauseRecord[]> {
    const rows = await this.db(PAUSES)
      .where({ request_number: number })
      .orderBy('seq');
    return rows.map((row: Row) => ({
      reason: row.reason,
      startedAt: num(row.started_at),
      endedAt: optNum(row.ended_at),
    }));
  }

  async dueForBreach(now: number, limit: number): Promise<RequestRecord[]> {
    const rows = await this.base()
      .whereIn(`${REQUESTS}.status`, OPEN_STATUSES as string[])
      .whereNull(`${REQUESTS}.paused_since`)
      .whereNull(`${REQUESTS}.sla_breached_at`)
      .where(`${REQUESTS}.sla_due_at`, '<', now)
      .orderBy(`${REQUESTS}.sla_due_at`)
      .limit(limit);
    return rows.map(toRequest);
  }

  async resolvedCountsSince(since: number): Promise<ResolvedCounts[]> {
    // Served from servicedesk_requests_report_idx alone (resolved_at first, the grouped and
    // summed columns after it): the period's index range, never the tickets themselves.
    const rows = await this.db(REQUESTS)
      .select('service_slug', 'team')
      .count({ resolved: '*' })
      .sum({ within_sla: this.db.raw('case when sla_met then 1 else 0 end') })
      .whereNotNull('resolved_at')
      .where('resolved_at', '>=', since)
      .groupBy('service_slug', 'team');
    return rows.map((row: Row) => ({
      serviceSlug: row.service_slug,
      team: row.team,
      resolved: Number(row.resolved),
      withinSla: Number(row.within_sla ?? 0),
    }));
  }

  async openBreachedCounts() {
    const rows = await this.db(REQUESTS)
      .select('service_slug', 'team')
      .count({ count: '*' })
      .whereIn('status', OPEN_STATUSES as string[])
      .whereNotNull('sla_breached_at')
      .groupBy('service_slug', 'team');
    return rows.map((row: Row) => ({
      serviceSlug: row.service_slug,
      team: row.team,
      count: Number(row.count),
    }));
  }
}
