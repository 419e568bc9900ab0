/**
 * Reading column values the same way on both engines: PostgreSQL returns bigint columns as
 * strings and SQLite booleans as 0/1; NULL reads as undefined (optional fields).
 */
export const num = (v: unknown): number => Number(v);

export const optNum = (v: unknown): number | undefined =>
  v === null || v === undefined ? undefined : Number(v);

export const optStr = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : String(v);

export const optBool = (v: unknown): boolean | undefined =>
  v === null || v === undefined ? undefined : Boolean(v);

/** A JSON text column (SQLite and PostgreSQL `text`). */
export const optJson = (v: unknown): any =>
  v === null || v === undefined ? undefined : JSON.parse(String(v));
