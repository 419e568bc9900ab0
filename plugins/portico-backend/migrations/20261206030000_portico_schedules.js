// @ts-check

/*
 * Scheduled template runs: the schedules portal admins keep, each run's scaffolder task, and the
 * notification outbox for failure notices to a schedule's owner. Times are epoch milliseconds.
 */
const { notificationOutboxMigration } = require('@portico/portico-node');

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('portico_schedules', table => {
    table.comment('Templates run on a cron or an interval by the portal service principal');
    table.string('id', 36).primary();
    table.string('name', 100).notNullable().unique();
    table.string('template_ref', 255).notNullable().comment('Lowercased template ref');
    table.string('cron', 100).nullable().comment('Five fields, UTC; or interval_minutes');
    table.integer('interval_minutes').nullable();
    table.text('parameters').notNullable().defaultTo('{}').comment('Fixed template values, JSON');
    table.string('owner', 255).notNullable().comment('Told when a run fails');
    table.boolean('enabled').notNullable().defaultTo(false);
    table.text('paused_reason').nullable().comment('Why the runner paused it');
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.string('updated_by', 255).notNullable().comment('Who last changed or enabled it; their right to run the template was checked then');
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('next_run_at').nullable();
    table.index(['enabled', 'next_run_at'], 'portico_schedules_due_idx');
  });
  await knex.schema.createTable('portico_schedule_runs', table => {
    table.comment('Each run of a schedule and the scaffolder task it started');
    table.string('id', 36).primary();
    table
      .string('schedule_id', 36)
      .notNullable()
      .references('id')
      .inTable('portico_schedules')
      .onDelete('CASCADE');
    table.string('trigger', 16).notNullable().comment('schedule or manual');
    table.string('triggered_by', 255).notNullable();
    table.string('task_id', 64).nullable();
    table.string('status', 16).notNullable().comment('starting, running, succeeded, failed');
    table.text('message').nullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').nullable();
    table.index(['schedule_id', 'started_at'], 'portico_schedule_runs_schedule_idx');
    table.index(['status'], 'portico_schedule_runs_status_idx');
  });
  await notificationOutboxMigration.up(knex);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await notificationOutboxMigration.down(knex);
  await knex.schema.dropTable('portico_schedule_runs');
  await knex.schema.dropTable('portico_schedules');
};
