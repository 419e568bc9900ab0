import type { Knex } from 'knex';
import type { Page } from '@portico/plugin-portico-common';

/** `count(*)` of a filtered query: the query is cloned, its select and order cleared. */
export async function countOf(query: Knex.QueryBuilder): Promise<number> {
  const [row] = await query
    .clone()
    .clearSelect()
    .clearOrder()
    .count({ count: '*' });
  return Number((row as { count: number | string }).count);
}

/**
 * One page of an ordered, filtered query and the total it was cut from. The caller's schema
 * bounds `limit` (`pageQuerySchema`), so a page is never larger than `MAX_PAGE_SIZE`.
 */
export async function pageOf<T>(
  query: Knex.QueryBuilder,
  page: { limit: number; offset: number },
  toItem: (row: any) => T,
): Promise<Page<T>> {
  const [rows, totalCount] = await Promise.all([
    query.clone().limit(page.limit).offset(page.offset),
    countOf(query),
  ]);
  return {
    items: (rows as any[]).map(toItem),
    totalCount,
    limit: page.limit,
    offset: page.offset,
  };
}
