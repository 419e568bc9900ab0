// @ts-check

/*
 * Distinct approvers of each risk request, the table of the shared approval rule
 * (@portico/portico-node ApprovalRule): its primary key (request, approver) keeps approvers
 * distinct whatever the race.
 */
const { approvalsTableMigration } = require('@portico/portico-node');

const approvals = approvalsTableMigration({
  table: 'security_risk_approvals',
  subjectColumn: 'risk_request_id',
  subjectTable: 'security_risk_requests',
});

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await approvals.up(knex);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await approvals.down(knex);
};
