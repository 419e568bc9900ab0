// @ts-check

/**
 * The SLA compliance report counts resolved tickets per service and team over a period: an
 * index that starts with resolved_at and holds the grouped and summed columns answers it
 * without reading the tickets.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('servicedesk_requests', table => {
    table.index(['resolved_at', 'service_slug', 'team', 'sla_met'], 'servicedesk_requests_report_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('servicedesk_requests', table => {
    table.dropIndex([], 'servicedesk_requests_report_idx');
  });
};
