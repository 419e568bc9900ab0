// @ts-check

/*
 * "Awaiting my approval" (the sidebar's count on every page, and its list) filters pending
 * requests by requester and tenant: with those columns and the id (the approvals anti-join)
 * in one index, PostgreSQL counts from the index alone instead of reading each pending row.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('promotion_requests', table => {
    table.index(['state', 'requested_by', 'tenant', 'id'], 'promotion_requests_awaiting_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('promotion_requests', table => {
    table.dropIndex([], 'promotion_requests_awaiting_idx');
  });
};
