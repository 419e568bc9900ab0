import { z } from 'zod';

/** Largest page any Portico list returns. */
export const MAX_PAGE_SIZE = 100;

/** `limit` and `offset` of a list query, bounded so that no request reads an unbounded page. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** One page of a list and the total it was cut from. */
export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}
