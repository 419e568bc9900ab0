import { columnValues } from '@portico/portico-node';
import type { ScanRecord, ScanStore } from './SecurityStore';
import {
  chunks,
  FINDINGS,
  IN_CHUNK,
  OCCURRENCES,
  SCANS,
  type Db,
  type Row,
} from './tables';

const { num, optStr } = columnValues;

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

export class KnexScanStore implements ScanStore {
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
