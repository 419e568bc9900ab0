// @ts-check

/*
 * Try-It console keys are minted for one API: the key a user's Try-It call carries must not
 * open the application's other APIs. User keys keep api_ref null (every API of the application).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('apim_api_keys', table => {
    table.string('api_ref', 255).nullable().comment('Console keys: the one API the key is for; null for user keys');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('apim_api_keys', table => {
    table.dropColumn('api_ref');
  });
};
