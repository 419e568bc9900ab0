// @ts-check

/**
 * Maintenance silences opened by an approved promotion: the request id, unique, so a
 * redelivered `request-approved` event opens nothing twice and the deployment's outcome finds
 * the window to end.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('monitoring_silence_windows', table => {
    table.string('promotion_request_id', 36).nullable().comment('the promotion request whose change window this is');
    table.unique(['promotion_request_id'], { indexName: 'monitoring_silence_windows_promotion_uq' });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('monitoring_silence_windows', table => {
    table.dropUnique(['promotion_request_id'], 'monitoring_silence_windows_promotion_uq');
  });
  await knex.schema.alterTable('monitoring_silence_windows', table => {
    table.dropColumn('promotion_request_id');
  });
};
