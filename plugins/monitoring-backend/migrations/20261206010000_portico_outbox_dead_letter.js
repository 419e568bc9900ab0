// @ts-check

/**
 * Dead letter for the Portico outbox: an event refused again and again is parked with its
 * last error, shown on the events page with Retry, instead of being retried forever.
 */
const { porticoOutboxDeadLetterMigration } = require('@portico/portico-node');

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await porticoOutboxDeadLetterMigration.up(knex);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await porticoOutboxDeadLetterMigration.down(knex);
};
