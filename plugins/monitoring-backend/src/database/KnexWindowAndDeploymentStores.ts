import { columnValues } from '@portico/portico-node';
import type { DeploymentRecord, DeploymentStore, SilenceWindowRecord, SilenceWindowStore } from './MonitoringStore';
import { Db, DEPLOYMENTS, Row, SILENCE_WINDOWS } from './tables';

const { num, optNum, optStr } = columnValues;

function toWindow(row: Row): SilenceWindowRecord {
  return {
    id: row.id,
    componentRef: row.component_ref,
    startsAt: num(row.starts_at),
    endsAt: num(row.ends_at),
    comment: row.comment,
    createdBy: row.created_by,
    createdAt: num(row.created_at),
    silenceIds: JSON.parse(row.silence_ids),
    cancelledAt: optNum(row.cancelled_at),
    cancelledBy: optStr(row.cancelled_by),
    promotionRequestId: optStr(row.promotion_request_id),
    promotionAttempt: row.promotion_request_id ? num(row.promotion_attempt) : undefined,
  };
}

export class KnexSilenceWindowStore implements SilenceWindowStore {
  constructor(private readonly db: Db) {}

  async insert(record: SilenceWindowRecord) {
    await this.db(SILENCE_WINDOWS).insert({
      id: record.id,
      component_ref: record.componentRef,
      starts_at: record.startsAt,
      ends_at: record.endsAt,
      comment: record.comment,
      created_by: record.createdBy,
      created_at: record.createdAt,
      silence_ids: JSON.stringify(record.silenceIds),
      cancelled_at: record.cancelledAt ?? null,
      cancelled_by: record.cancelledBy ?? null,
      promotion_request_id: record.promotionRequestId ?? null,
      promotion_attempt: record.promotionAttempt ?? 1,
    });
  }

  async get(id: string) {
    const row = await this.db(SILENCE_WINDOWS).where({ id }).first();
    return row ? toWindow(row) : undefined;
  }

  async current(now: number, page: { limit: number; offset: number }, componentRef?: string) {
    const q = this.db(SILENCE_WINDOWS).whereNull('cancelled_at').where('ends_at', '>', now);
    if (componentRef) q.where('component_ref', componentRef.toLowerCase());
    const [{ count }] = await q.clone().count({ count: '*' });
    const rows = await q.orderBy([{ column: 'starts_at' }, { column: 'id' }]).limit(page.limit).offset(page.offset);
    return { items: rows.map(toWindow), totalCount: Number(count) };
  }

  async cancel(id: string, at: number, by: string) {
    const n = await this.db(SILENCE_WINDOWS).where({ id }).whereNull('cancelled_at').update({ cancelled_at: at, cancelled_by: by });
    return n > 0;
  }

  async byPromotion(requestId: string, attempt: number) {
    const row = await this.db(SILENCE_WINDOWS)
      .where({ promotion_request_id: requestId, promotion_attempt: attempt })
      .first();
    return row ? toWindow(row) : undefined;
  }

  async endAt(id: string, at: number) {
    const n = await this.db(SILENCE_WINDOWS)
      .where({ id })
      .whereNull('cancelled_at')
      .where('ends_at', '>', at)
      .update({ ends_at: at });
    return n > 0;
  }
}

function toDeployment(row: Row): DeploymentRecord {
  return {
    eventId: row.event_id,
    componentRef: row.component_ref,
    version: row.version,
    environment: row.environment,
    requestId: row.request_id,
    outcome: row.outcome,
    at: num(row.deployed_at),
  };
}

export class KnexDeploymentStore implements DeploymentStore {
  constructor(private readonly db: Db) {}

  async insert(record: DeploymentRecord) {
    await this.db(DEPLOYMENTS)
      .insert({
        event_id: record.eventId,
        component_ref: record.componentRef.toLowerCase(),
        version: record.version,
        environment: record.environment,
        request_id: record.requestId,
        outcome: record.outcome,
        deployed_at: record.at,
      })
      .onConflict('event_id')
      .ignore();
  }

  async between(componentRef: string, from: number, to: number, limit: number) {
    const rows = await this.db(DEPLOYMENTS)
      .where({ component_ref: componentRef.toLowerCase() })
      .whereBetween('deployed_at', [from, to])
      .orderBy('deployed_at')
      .limit(limit);
    return rows.map(toDeployment);
  }

  async ofComponents(componentRefs: string[], from: number, to: number, limit: number) {
    if (componentRefs.length === 0) return [];
    const rows = await this.db(DEPLOYMENTS)
      .whereIn('component_ref', componentRefs.map(r => r.toLowerCase()))
      .whereBetween('deployed_at', [from, to])
      .orderBy([{ column: 'deployed_at', order: 'desc' }, { column: 'event_id' }])
      .limit(limit);
    return rows.map(toDeployment);
  }
}
