// @ts-check

/*
 * The lifecycle projection of catalog Resources (their mandatory tags, expiry, notices sent and
 * teardown) and its timeline. Times are epoch milliseconds in bigint columns, as in the outbox.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('lifecycle_resources', table => {
    table.comment('Catalog Resources as the lifecycle sees them, kept by a paged incremental sync');
    table.string('entity_ref', 255).primary().comment('Lowercased resource ref');
    table.string('etag', 255).nullable().comment('The catalog etag last read: unchanged entities are skipped');
    table.string('title', 255).nullable();
    table.string('type', 63).nullable();
    table.string('owner', 255).nullable();
    table.string('project', 63).nullable();
    table.string('cost_center', 32).nullable();
    table.string('environment', 16).nullable();
    table.string('data_class', 16).nullable();
    table.boolean('auto_teardown').nullable();
    table.bigInteger('ttl_ms').nullable();
    table.bigInteger('created_at').nullable().comment('The created-at tag');
    table.bigInteger('extended_until').nullable().comment('Expiry set by the latest extension');
    table.bigInteger('expires_at').nullable().comment('extended_until, else created_at + ttl');
    table.integer('extensions').notNullable().defaultTo(0);
    table.text('violations').notNullable().defaultTo('[]').comment('Tag violations, JSON');
    table.boolean('has_violations').notNullable().defaultTo(false);
    table.string('state', 16).notNullable().defaultTo('active');
    table.bigInteger('notice_48h_at').nullable();
    table.bigInteger('notice_24h_at').nullable();
    table.string('teardown_task_id', 64).nullable();
    table.bigInteger('teardown_started_at').nullable();
    table.bigInteger('teardown_finished_at').nullable();
    table.text('teardown_message').nullable();
    table.bigInteger('seen_at').notNullable().comment('Start of the sync pass that last saw it');
    table.bigInteger('updated_at').notNullable();
    table.index(['state', 'expires_at'], 'lifecycle_resources_expiry_idx');
    table.index(['has_violations', 'entity_ref'], 'lifecycle_resources_violations_idx');
    table.index(['owner'], 'lifecycle_resources_owner_idx');
    table.index(['project'], 'lifecycle_resources_project_idx');
    table.index(['cost_center'], 'lifecycle_resources_cost_center_idx');
    table.index(['environment'], 'lifecycle_resources_environment_idx');
  });

  await knex.schema.createTable('lifecycle_timeline', table => {
    table.comment('Everything that happened to a resource: seen, violations, notices, extensions, teardown');
    table.bigIncrements('seq').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('kind', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.text('message').notNullable();
    table.bigInteger('at').notNullable();
    table.index(['entity_ref', 'seq'], 'lifecycle_timeline_resource_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('lifecycle_timeline');
  await knex.schema.dropTable('lifecycle_resources');
};
