// @ts-check

/**
 * The Portico outbox (domain events written in the same transaction as the change) and the
 * consumer tables (processed events, retries), shared with every Portico plugin.
 */
const { porticoOutboxMigration } = require('@portico/portico-node');

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await porticoOutboxMigration.up(knex);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await porticoOutboxMigration.down(knex);
};
