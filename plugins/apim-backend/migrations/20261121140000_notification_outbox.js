// @ts-check

/**
 * The notification outbox: subscription notifications are queued in the event consumer's
 * transaction and sent by a task outside it (see NotificationOutbox in @portico/portico-node).
 */
const { notificationOutboxMigration } = require('@portico/portico-node');

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await notificationOutboxMigration.up(knex);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await notificationOutboxMigration.down(knex);
};
