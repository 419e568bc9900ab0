// @ts-check

/*
 * SLA clocks per component (from its catalog tier, lifecycle and `portico.io/security-sla`
 * annotation, resolved by the catalog sync), the weekly report's "sent" ledger (once per week per
 * team, whatever restarts), the notification repeat guard, and the index that limits runtime
 * events to the caller's teams.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('security_components', table => {
    table.string('tier', 64).nullable();
    table.string('lifecycle', 64).nullable();
    table.text('sla_days').nullable().comment('JSON days per severity resolved for this component; null: the config defaults');
    table.text('sla_sources').nullable().comment('JSON list of what the clocks come from (default, lifecycle, tier, annotation)');
    table.text('sla_error').nullable().comment('Why the portico.io/security-sla annotation was ignored');
  });

  await knex.schema.alterTable('security_falco_events', table => {
    table.index(['finding_id', 'event_time'], 'security_falco_events_finding_idx');
  });

  await knex.schema.alterTable('security_findings', table => {
    // The trend and the weekly report read by these times.
    table.index(['first_seen_at'], 'security_findings_first_seen_idx');
    table.index(['fixed_at'], 'security_findings_fixed_idx');
  });

  await knex.schema.createTable('security_weekly_reports', table => {
    table.comment('Weekly report notifications sent: the primary key makes it once per week per team');
    table.string('week', 8).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.text('numbers').notNullable().comment('JSON TeamWeeklyNumbers as sent');
    table.bigInteger('sent_at').notNullable();
    table.primary(['week', 'owner_ref']);
  });

  await knex.schema.createTable('security_notified', table => {
    table.comment('Repeat guard: when a finding was last notified to its team');
    table.string('finding_id', 36).primary();
    table.bigInteger('notified_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('security_notified');
  await knex.schema.dropTable('security_weekly_reports');
  await knex.schema.alterTable('security_findings', table => {
    table.dropIndex(['fixed_at'], 'security_findings_fixed_idx');
    table.dropIndex(['first_seen_at'], 'security_findings_first_seen_idx');
  });
  await knex.schema.alterTable('security_falco_events', table => {
    table.dropIndex(['finding_id', 'event_time'], 'security_falco_events_finding_idx');
  });
  await knex.schema.alterTable('security_components', table => {
    table.dropColumn('sla_error');
    table.dropColumn('sla_sources');
    table.dropColumn('sla_days');
    table.dropColumn('lifecycle');
    table.dropColumn('tier');
  });
};
