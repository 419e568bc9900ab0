// @ts-check

/*
 * The findings list's default order (severity, then due date with undated last, then id) read
 * from an index instead of sorting every open finding per page: at 100,000 findings a page
 * sorted 65,000 rows. The order is written `coalesce(due_at, MAX_SAFE_INTEGER)` (the same order
 * as "undated last") so that one expression index serves it on SQLite and PostgreSQL; the
 * second index serves a team's own list (the owner first). The third holds every column the
 * stats, the trend and the weekly report group and count, so they read it instead of the
 * findings' rows (33 columns each).
 */

const UNDATED = '9007199254740991';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.raw(
    `create index security_findings_order_idx on security_findings (severity_rank, (coalesce(due_at, ${UNDATED})), id)`,
  );
  await knex.raw(
    `create index security_findings_owner_order_idx on security_findings (owner_ref, severity_rank, (coalesce(due_at, ${UNDATED})), id)`,
  );
  await knex.schema.alterTable('security_findings', table => {
    table.index(
      [
        'state',
        'severity',
        'owner_ref',
        'component_ref',
        'due_at',
        'first_seen_at',
        'fixed_at',
      ],
      'security_findings_stats_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('security_findings', table => {
    table.dropIndex([], 'security_findings_stats_idx');
  });
  await knex.raw('drop index security_findings_owner_order_idx');
  await knex.raw('drop index security_findings_order_idx');
};
