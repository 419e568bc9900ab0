// @ts-check

/**
 * The Portico outbox (domain events written in the same transaction as the change), the consumer
 * tables, and the notification outbox, shared with every Portico plugin.
 */
const { notificationOutboxMigration, porticoOutboxMigration } = require('@portico/portico-node');

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await porticoOutboxMigration.up(knex);
  await notificationOutboxMigration.up(knex);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await notificationOutboxMigration.down(knex);
  await porticoOutboxMigration.down(knex);
};
