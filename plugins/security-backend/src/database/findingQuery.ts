import type { Knex } from 'knex';
import { ACTIVE_STATES } from '@portico/plugin-security-common';
import type { FindingFilter } from './SecurityStore';
import { severityRank } from './findingRow';
import { FINDINGS } from './tables';

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, c => `\\${c}`);
}

/** The findings a filter selects (the list, the counts, the trend and the report share it). */
export function filteredFindings(
  db: Knex | Knex.Transaction,
  filter: FindingFilter,
  now: number,
): Knex.QueryBuilder {
  const query = db(FINDINGS);
  // By rank, which the state index holds: a count by severity reads the index alone.
  if (filter.severity?.length)
    query.whereIn('severity_rank', filter.severity.map(severityRank));
  if (filter.state?.length) query.whereIn('state', filter.state);
  if (filter.scanner?.length) query.whereIn('scanner', filter.scanner);
  if (filter.componentRef) query.where('component_ref', filter.componentRef);
  if (filter.ownerRef) query.where('owner_ref', filter.ownerRef);
  if (filter.unowned) query.whereNull('component_ref');
  if (filter.artifact) query.where('artifact', filter.artifact);
  if (filter.visibleOwners) query.whereIn('owner_ref', filter.visibleOwners);
  if (filter.overdue !== undefined) {
    const overdue = (q: Knex.QueryBuilder) =>
      q
        .whereIn('state', ACTIVE_STATES as string[])
        .whereNotNull('due_at')
        .where('due_at', '<', now);
    if (filter.overdue) query.where(overdue);
    else query.whereNot(overdue);
  }
  if (filter.q) {
    const like = `%${escapeLike(filter.q.toLocaleLowerCase('en-US'))}%`;
    query.where(q =>
      q
        .whereRaw(`lower(rule_id) like ? escape '\\'`, [like])
        .orWhereRaw(`lower(pkg_name) like ? escape '\\'`, [like])
        .orWhereRaw(`lower(title) like ? escape '\\'`, [like]),
    );
  }
  return query;
}
