// @ts-check

/*
 * APIM: applications, subscriptions and their history, API keys, and the snapshot of the
 * catalog's API entities that api-created/updated/deleted are computed from.
 *
 * Times are epoch milliseconds in bigint columns, as in the outbox: comparisons with "now"
 * behave the same on SQLite and PostgreSQL. Refs are stored lowercased.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('apim_applications', table => {
    table.comment('Applications: a group-owned client of APIs, with keys and subscriptions');
    table.string('id', 36).primary();
    table.string('name', 63).notNullable();
    table.text('description').nullable();
    table.string('owner', 255).notNullable().comment('Owner group ref, lowercased');
    table.string('environments', 64).notNullable().comment('JSON array of environments');
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('deleted_at').nullable().comment('Deleted applications are kept for the history of their keys and subscriptions');
    table.string('deleted_by', 255).nullable();
    table.index(['owner', 'name'], 'apim_applications_owner_idx');
    table.index(['name'], 'apim_applications_name_idx');
  });
  // One live application of a name per owner group; a deleted one frees the name.
  await knex.raw(
    'CREATE UNIQUE INDEX apim_applications_owner_name_live_uq ON apim_applications (owner, name) WHERE deleted_at IS NULL',
  );

  await knex.schema.createTable('apim_subscriptions', table => {
    table.comment('Application x API x plan x environment, with its state');
    table.string('id', 36).primary();
    table
      .string('application_id', 36)
      .notNullable()
      .references('id')
      .inTable('apim_applications');
    table.string('api_ref', 255).notNullable();
    table.string('plan', 40).notNullable();
    table.string('environment', 16).notNullable();
    table.string('state', 16).notNullable().comment('pending, active, rejected, suspended, revoked');
    table.string('requested_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    // Key verification and Try-It: the active subscriptions of an application in one environment.
    table.index(['application_id', 'environment', 'state'], 'apim_subscriptions_application_idx');
    table.index(['api_ref', 'state'], 'apim_subscriptions_api_idx');
    table.index(['state', 'created_at'], 'apim_subscriptions_state_idx');
    table.index(['requested_by'], 'apim_subscriptions_requester_idx');
  });
  // One live (pending, active or suspended) subscription per application, API and environment.
  await knex.raw(
    "CREATE UNIQUE INDEX apim_subscriptions_live_uq ON apim_subscriptions (application_id, api_ref, environment) WHERE state IN ('pending', 'active', 'suspended')",
  );

  await knex.schema.createTable('apim_subscription_history', table => {
    table.comment('Every state change of a subscription');
    table.bigIncrements('seq').primary();
    table
      .string('subscription_id', 36)
      .notNullable()
      .references('id')
      .inTable('apim_subscriptions');
    table.string('from_state', 16).nullable();
    table.string('to_state', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.text('comment').nullable();
    table.bigInteger('at').notNullable();
    table.index(['subscription_id', 'seq'], 'apim_subscription_history_subscription_idx');
  });

  await knex.schema.createTable('apim_api_keys', table => {
    table.comment('API keys: only the SHA-256 of the key is kept, with its prefix and last 4 for display');
    table.string('id', 36).primary();
    table
      .string('application_id', 36)
      .notNullable()
      .references('id')
      .inTable('apim_applications');
    table.string('environment', 16).notNullable();
    table.string('kind', 16).notNullable().comment('user (listed, shown once) or console (Try-It, server side only)');
    table.string('key_hash', 64).notNullable().comment('SHA-256 hex of the whole key');
    table.string('prefix', 16).notNullable();
    table.string('last4', 4).notNullable();
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('expires_at').nullable();
    table.bigInteger('revoked_at').nullable();
    table.string('revoked_by', 255).nullable();
    table.bigInteger('grace_until').nullable().comment('After a rotation: the key works until then');
    table.string('replaced_by', 36).nullable();
    table.bigInteger('last_used_at').nullable();
    table.bigInteger('expiry_notice_sent_at').nullable();
    table.unique(['key_hash'], { indexName: 'apim_api_keys_hash_uq' });
    table.index(['application_id', 'kind'], 'apim_api_keys_application_idx');
    table.index(['kind', 'expires_at'], 'apim_api_keys_expiry_idx');
  });

  await knex.schema.createTable('apim_api_snapshots', table => {
    // Knex does not escape quotes in comments: none below.
    table.comment('API entities of the catalog as last seen, to publish api-created/updated/deleted');
    table.string('ref', 255).primary();
    table.string('hash', 64).notNullable().comment('SHA-256 of definition, plans annotation and owner');
    table.text('data').notNullable().comment('The api-* event data last published (JSON)');
    table.text('plans').notNullable().comment('JSON array of the plans of the API, for key verification');
    table.bigInteger('updated_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apim_api_snapshots');
  await knex.schema.dropTable('apim_api_keys');
  await knex.schema.dropTable('apim_subscription_history');
  await knex.schema.dropTable('apim_subscriptions');
  await knex.raw('DROP INDEX IF EXISTS apim_applications_owner_name_live_uq');
  await knex.schema.dropTable('apim_applications');
};
