import type { KnexOrTransaction } from '@portico/portico-node';

export const ALERTS = 'monitoring_alerts';
export const ACKS = 'monitoring_acks';
export const COMPONENTS = 'monitoring_components';
export const HEALTH = 'monitoring_health_checks';
export const NOTIFIED = 'monitoring_notified';
export const SILENCE_WINDOWS = 'monitoring_silence_windows';
export const DEPLOYMENTS = 'monitoring_deployments';

export type Db = KnexOrTransaction;
export type Row = Record<string, any>;

/**
 * Rows per statement for bulk reads and writes: far under SQLite's 32,766 and PostgreSQL's
 * 65,535 bound parameters even for the alert table's 17 columns.
 */
export const CHUNK = 200;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Row locks where the engine has them: SQLite serialises writers on its single connection anyway. */
export function lockable(db: Db): boolean {
  return db.isTransaction === true && db.client.config.client !== 'better-sqlite3';
}

/** Lower-cased `name=value` lines: what the label search looks in. */
export function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')
    .toLowerCase();
}

export function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, c => `\\${c}`);
}
