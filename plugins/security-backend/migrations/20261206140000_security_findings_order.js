// @ts-check

/*
 * The findings list's default order (severity, then due date with undated last, then id) read
 * from an index instead of sorting every open finding per page: at 100,000 findings a page
 * sorted 65,000 rows. The order is written `coalesce(due_at, MAX_SAFE_INTEGER)` (the same order
 * as "undated last") so that one expression index serves it on SQLite and PostgreSQL; the
 * second index serves a team's own list (the owner first).
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
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('drop index security_findings_owner_order_idx');
  await knex.raw('drop index security_findings_order_idx');
};
