// @ts-check

/*
 * The service-desk incident ticket opened for a runtime finding: one per finding, never one per
 * Falco event or pod.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('security_incident_tickets', table => {
    table.comment('Incident tickets opened in the service desk for runtime findings');
    table.string('finding_id', 36).primary().references('id').inTable('security_findings');
    table.string('ticket_id', 64).notNullable();
    table.bigInteger('created_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('security_incident_tickets');
};
