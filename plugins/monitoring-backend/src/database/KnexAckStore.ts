import { columnValues } from '@portico/portico-node';
import type { AckRecord, AckStore } from './MonitoringStore';
import { ACKS, chunks, Db, Row } from './tables';

const { num, optNum, optStr } = columnValues;

function toAck(row: Row): AckRecord {
  return {
    id: num(row.id),
    alertId: row.alert_id,
    ackedBy: row.acked_by,
    ackedAt: num(row.acked_at),
    comment: row.comment,
    expiresAt: num(row.expires_at),
    silenceId: optStr(row.silence_id),
    endedAt: optNum(row.ended_at),
    endedReason: optStr(row.ended_reason) as AckRecord['endedReason'],
    silenceOpen: Boolean(row.silence_open),
    assignee: optStr(row.assignee),
    ticketId: optStr(row.ticket_id),
  };
}

export class KnexAckStore implements AckStore {
  constructor(private readonly db: Db) {}

  async open(alertId: string) {
    const row = await this.db(ACKS).where({ alert_id: alertId }).whereNull('ended_at').first();
    return row ? toAck(row) : undefined;
  }

  async openMany(alertIds: string[]) {
    if (alertIds.length === 0) return [];
    return (await this.db(ACKS).whereIn('alert_id', alertIds).whereNull('ended_at')).map(toAck);
  }

  async insert(record: Omit<AckRecord, 'id'>) {
    const [row] = await this.db(ACKS)
      .insert({
        alert_id: record.alertId,
        acked_by: record.ackedBy,
        acked_at: record.ackedAt,
        comment: record.comment,
        expires_at: record.expiresAt,
        silence_id: record.silenceId ?? null,
        silence_open: record.silenceOpen,
        assignee: record.assignee ?? null,
        ticket_id: record.ticketId ?? null,
      })
      .returning('*');
    return toAck(row);
  }

  async end(id: number, endedAt: number, reason: NonNullable<AckRecord['endedReason']>) {
    const n = await this.db(ACKS).where({ id }).whereNull('ended_at').update({ ended_at: endedAt, ended_reason: reason });
    return n > 0;
  }

  async endForAlerts(alertIds: string[], endedAt: number, reason: NonNullable<AckRecord['endedReason']>) {
    const ended: AckRecord[] = [];
    for (const part of chunks(alertIds)) {
      const open = await this.openMany(part);
      if (open.length === 0) continue;
      await this.db(ACKS)
        .whereIn('id', open.map(a => a.id))
        .whereNull('ended_at')
        .update({ ended_at: endedAt, ended_reason: reason });
      ended.push(...open.map(a => ({ ...a, endedAt, endedReason: reason })));
    }
    return ended;
  }

  async expiredBefore(now: number, limit: number) {
    return (await this.db(ACKS).whereNull('ended_at').where('expires_at', '<=', now).orderBy('expires_at').limit(limit)).map(toAck);
  }

  async silencesToDelete(limit: number) {
    return (await this.db(ACKS).where({ silence_open: true }).whereNotNull('ended_at').orderBy('id').limit(limit)).map(toAck);
  }

  async silenceDeleted(id: number) {
    await this.db(ACKS).where({ id }).update({ silence_open: false });
  }
}

