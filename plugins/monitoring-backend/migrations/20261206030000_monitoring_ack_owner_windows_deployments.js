// @ts-check

/**
 * Acks with an assignee and a service-desk ticket; the component's own alert channel;
 * maintenance silences scheduled over a window; deployments learned from promotion events
 * (markers on the Metrics charts).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('monitoring_acks', table => {
    table.string('assignee', 300).nullable().comment('user ref of whoever works on it');
    table.string('ticket_id', 100).nullable().comment('service-desk request id');
  });
  await knex.schema.alterTable('monitoring_components', table => {
    table.string('alert_channel', 200).nullable().comment('slack.com/bot-notify of the component');
  });
  await knex.schema.createTable('monitoring_silence_windows', table => {
    table.comment('Maintenance silences of a component over a window, created in Alertmanager ahead of time');
    table.string('id', 36).primary();
    table.string('component_ref', 300).notNullable();
    table.bigInteger('starts_at').notNullable();
    table.bigInteger('ends_at').notNullable();
    table.text('comment').notNullable();
    table.string('created_by', 300).notNullable();
    table.bigInteger('created_at').notNullable();
    table.text('silence_ids').notNullable().comment('JSON array of Alertmanager silence ids');
    table.bigInteger('cancelled_at').nullable();
    table.string('cancelled_by', 300).nullable();
    table.index(['cancelled_at', 'ends_at'], 'monitoring_silence_windows_current_idx');
    table.index(['component_ref', 'ends_at'], 'monitoring_silence_windows_component_idx');
  });
  await knex.schema.createTable('monitoring_deployments', table => {
    table.comment('Deployments of components (promotion-requests events), drawn as markers on the RED charts');
    table.string('event_id', 36).primary();
    table.string('component_ref', 300).notNullable();
    table.string('version', 200).notNullable();
    table.string('environment', 50).notNullable();
    table.string('request_id', 36).notNullable();
    table.string('outcome', 16).notNullable().comment('succeeded | failed');
    table.bigInteger('deployed_at').notNullable();
    table.index(['component_ref', 'deployed_at'], 'monitoring_deployments_component_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('monitoring_deployments');
  await knex.schema.dropTable('monitoring_silence_windows');
  await knex.schema.alterTable('monitoring_components', table => {
    table.dropColumn('alert_channel');
  });
  await knex.schema.alterTable('monitoring_acks', table => {
    table.dropColumn('ticket_id');
    table.dropColumn('assignee');
  });
};
