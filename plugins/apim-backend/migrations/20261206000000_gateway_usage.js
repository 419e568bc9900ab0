// @ts-check

/**
 * Gateway usage: per application, API, environment and day, fed by the gateway's access log
 * (`portico-gateway ship-usage`); the quota check reads it, the usage charts draw it.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('apim_gateway_usage', table => {
    table.string('application_id', 36).notNullable();
    table.string('api_ref', 255).notNullable();
    table.string('environment', 16).notNullable();
    // UTC day, YYYY-MM-DD: sorts and groups the same on both engines.
    table.string('day', 10).notNullable();
    table.bigInteger('requests').notNullable().defaultTo(0);
    table.bigInteger('status_4xx').notNullable().defaultTo(0);
    table.bigInteger('status_5xx').notNullable().defaultTo(0);
    table.bigInteger('rate_limited').notNullable().defaultTo(0);
    // Counts per latency bucket (LATENCY_BUCKETS_MS), for the day's p95.
    table.text('latency_buckets').notNullable();
    table.primary(['application_id', 'api_ref', 'environment', 'day']);
    table.index(['api_ref', 'day'], 'apim_gateway_usage_api_day_idx');
  });
  // Batches already counted: the shipper retries a batch it got no answer for.
  await knex.schema.createTable('apim_gateway_usage_batches', table => {
    table.string('batch_id', 64).primary();
    table.bigInteger('received_at').notNullable();
  });
  // Quota notices sent, once per threshold per period.
  await knex.schema.createTable('apim_gateway_quota_notices', table => {
    table.string('application_id', 36).notNullable();
    table.string('api_ref', 255).notNullable();
    table.string('environment', 16).notNullable();
    table.string('period', 10).notNullable();
    table.integer('threshold').notNullable();
    table.bigInteger('sent_at').notNullable();
    table.primary(['application_id', 'api_ref', 'environment', 'period', 'threshold']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apim_gateway_quota_notices');
  await knex.schema.dropTable('apim_gateway_usage_batches');
  await knex.schema.dropTable('apim_gateway_usage');
};
