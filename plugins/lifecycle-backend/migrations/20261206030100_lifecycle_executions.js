// @ts-check

/*
 * Each template run the lifecycle starts (provision, teardown), so that the template's first step
 * (lifecycle:sandbox:verify) can ask whether the lifecycle started it, and bind the task to it.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('lifecycle_executions', table => {
    table.comment('Template runs started by the lifecycle, bound to their scaffolder task by its verify step');
    table.string('id', 36).primary();
    table.string('operation', 16).notNullable().comment('provision or teardown');
    table.string('entity_ref', 255).notNullable();
    table.string('template_ref', 255).notNullable().comment('Lowercased template ref');
    table.string('task_id', 64).nullable().comment('Bound by the first of the start or the verify step');
    table.bigInteger('created_at').notNullable();
    table.index(['task_id'], 'lifecycle_executions_task_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('lifecycle_executions');
};
