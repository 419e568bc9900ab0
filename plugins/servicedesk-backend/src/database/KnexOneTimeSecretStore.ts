import type { Knex } from 'knex';

const TABLE = 'servicedesk_one_time_secrets';

export interface OneTimeSecretRecord {
  requestNumber: number;
  label: string;
  storedAt: number;
  revealedAt?: number;
  revealedBy?: string;
}

/** Sealed secrets per ticket; one per ticket, replaced while not revealed. */
export class KnexOneTimeSecretStore {
  constructor(private readonly knex: Knex) {}

  /** Stores or replaces the ticket's secret; false when it was already revealed (a revealed secret stays gone). */
  async put(record: { requestNumber: number; label: string; sealed: string; storedBy: string; storedAt: number }): Promise<boolean> {
    return this.knex.transaction(async trx => {
      const existing = await trx(TABLE).where({ request_number: record.requestNumber }).first();
      if (existing?.revealed_at) return false;
      const row = {
        label: record.label,
        sealed: record.sealed,
        stored_by: record.storedBy,
        stored_at: record.storedAt,
      };
      if (existing) await trx(TABLE).where({ request_number: record.requestNumber }).update(row);
      else await trx(TABLE).insert({ request_number: record.requestNumber, ...row });
      return true;
    });
  }

  async get(requestNumber: number): Promise<OneTimeSecretRecord | undefined> {
    const row = await this.knex(TABLE).where({ request_number: requestNumber }).first();
    if (!row) return undefined;
    return {
      requestNumber: Number(row.request_number),
      label: row.label,
      storedAt: Number(row.stored_at),
      ...(row.revealed_at ? { revealedAt: Number(row.revealed_at), revealedBy: row.revealed_by } : {}),
    };
  }

  /**
   * Takes the sealed secret and erases it in one conditional update, so two concurrent reveals cannot both get it.
   */
  async take(requestNumber: number, by: string, at: number): Promise<string | undefined> {
    return this.knex.transaction(async trx => {
      const row = await trx(TABLE).where({ request_number: requestNumber }).whereNull('revealed_at').forUpdate().first();
      if (!row?.sealed) return undefined;
      const updated = await trx(TABLE)
        .where({ request_number: requestNumber })
        .whereNull('revealed_at')
        .update({ sealed: null, revealed_at: at, revealed_by: by });
      return updated === 1 ? (row.sealed as string) : undefined;
    });
  }
}
