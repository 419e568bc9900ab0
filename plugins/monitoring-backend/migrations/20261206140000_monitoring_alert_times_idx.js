// @ts-check

/*
 * The stats' mean times to acknowledge and resolve (the last 7 and 30 days) read this index
 * alone: the occurrences since a start time with their acknowledge and resolve times, instead
 * of every alert row of the period.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('monitoring_alerts', table => {
    table.index(['starts_at', 'acknowledged_at', 'resolved_at'], 'monitoring_alerts_times_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('monitoring_alerts', table => {
    table.dropIndex(['starts_at', 'acknowledged_at', 'resolved_at'], 'monitoring_alerts_times_idx');
  });
};
