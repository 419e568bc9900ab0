// @ts-check

/*
 * One-time secrets on a ticket (a temporary password set by an automation): sealed with AES-256-GCM, revealed once
 * to the ticket's requester, then erased (the row stays, without ciphertext, to say when it was revealed).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('servicedesk_one_time_secrets', table => {
    table.bigInteger('request_number').primary().notNullable();
    table.string('label', 200).notNullable();
    table.text('sealed').nullable();
    table.string('stored_by', 255).notNullable();
    table.bigInteger('stored_at').notNullable();
    table.bigInteger('revealed_at').nullable();
    table.string('revealed_by', 255).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('servicedesk_one_time_secrets');
};
