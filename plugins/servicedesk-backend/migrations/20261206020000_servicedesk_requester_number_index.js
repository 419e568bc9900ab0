// @ts-check

/*
 * "My requests" (the list's default scope) is the requester's tickets, newest number first:
 * an index on (requester_ref, number) gives the page in order and the count from the index,
 * where (requester_ref, created_at) made the database sort every ticket of the requester.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('servicedesk_requests', table => {
    table.index(['requester_ref', 'number'], 'servicedesk_requests_requester_number_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('servicedesk_requests', table => {
    table.dropIndex([], 'servicedesk_requests_requester_number_idx');
  });
};
