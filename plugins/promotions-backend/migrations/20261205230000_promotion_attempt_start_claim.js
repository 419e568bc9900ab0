// @ts-check

/*
 * A deployment attempt records when the follower claimed its start, before it asks the
 * scaffolder for a task: a follower that crashed between creating the task and recording it
 * does not create a second one on its next pass (it waits for the task's first step to bind
 * the attempt, and only after a grace period starts again; the verification lets one task in).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('promotion_deployment_attempts', table => {
    table.bigInteger('start_claimed_at').nullable().comment('When the follower last claimed the start of this attempt');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('promotion_deployment_attempts', table => {
    table.dropColumn('start_claimed_at');
  });
};
