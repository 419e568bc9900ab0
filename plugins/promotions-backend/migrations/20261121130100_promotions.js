// @ts-check

const { notificationOutboxMigration } = require('@portico/portico-node');

/*
 * Promotion requests, their timeline (every transition), approvals and deployment attempts.
 *
 * Times are epoch milliseconds in bigint columns, as in the outbox: comparisons with "now"
 * behave the same on SQLite and PostgreSQL. Refs are stored lowercased.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('promotion_requests', table => {
    table.comment('A request to promote a component version from one environment to the next');
    table.string('id', 36).primary();
    table.string('component_ref', 255).notNullable();
    table.string('component_title', 255).nullable();
    table.string('tenant', 63).notNullable();
    table.string('version', 128).notNullable();
    table.string('git_ref', 255).nullable();
    table.string('from_env', 32).notNullable();
    table.string('to_env', 32).notNullable();
    table.text('justification').notNullable();
    table.text('rollback_plan').notNullable();
    table.bigInteger('change_window_start').nullable();
    table.bigInteger('change_window_end').nullable();
    table.string('state', 16).notNullable().comment('PENDING, APPROVED, REJECTED, DEPLOYING, DEPLOYED, FAILED');
    table.string('requested_by', 255).notNullable();
    table.integer('required_approvals').notNullable();
    table
      .integer('revision')
      .notNullable()
      .defaultTo(0)
      .comment('Bumped by every change: a change applies only to the revision it read (one of concurrent decisions wins)');
    table.bigInteger('approved_at').nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['state', 'created_at'], 'promotion_requests_state_idx');
    table.index(['component_ref', 'created_at'], 'promotion_requests_component_idx');
    table.index(['tenant', 'state'], 'promotion_requests_tenant_idx');
    table.index(['requested_by'], 'promotion_requests_requester_idx');
  });

  await knex.schema.createTable('promotion_transitions', table => {
    table.comment('The timeline: every state change of a request');
    table.bigIncrements('seq').primary();
    table.string('request_id', 36).notNullable().references('id').inTable('promotion_requests');
    table.string('action', 16).notNullable();
    table.string('from_state', 16).nullable();
    table.string('to_state', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.text('comment').nullable();
    table.bigInteger('at').notNullable();
    table.index(['request_id', 'seq'], 'promotion_transitions_request_idx');
  });

  await knex.schema.createTable('promotion_approvals', table => {
    table.comment('Distinct approvers of a request');
    table.string('request_id', 36).notNullable().references('id').inTable('promotion_requests');
    table.string('approver', 255).notNullable();
    table.text('comment').nullable();
    table.bigInteger('at').notNullable();
    table.primary(['request_id', 'approver']);
  });

  await knex.schema.createTable('promotion_deployment_attempts', table => {
    table.comment('Each deployment of an approved request: the first, then retries');
    table.string('id', 36).primary();
    table.string('request_id', 36).notNullable().references('id').inTable('promotion_requests');
    table.integer('number').notNullable();
    table.string('executor', 16).notNullable().comment('scaffolder or external');
    table.string('status', 16).notNullable().comment('requested, running, succeeded, failed');
    table.string('task_id', 64).nullable().comment('The scaffolder task the built-in executor follows');
    table.string('external_id', 255).nullable();
    table.text('logs_url').nullable();
    table.text('message').nullable();
    table.string('requested_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').nullable();
    table.unique(['request_id', 'number'], { indexName: 'promotion_attempts_number_uq' });
    // The follower's scan: unfinished attempts.
    table.index(['status', 'created_at'], 'promotion_attempts_status_idx');
  });

  // Notifications queued by the event consumer, sent by a task (NotificationOutbox).
  await notificationOutboxMigration.up(knex);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await notificationOutboxMigration.down(knex);
  await knex.schema.dropTable('promotion_deployment_attempts');
  await knex.schema.dropTable('promotion_approvals');
  await knex.schema.dropTable('promotion_transitions');
  await knex.schema.dropTable('promotion_requests');
};
