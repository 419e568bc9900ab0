// @ts-check

/*
 * The projection also keeps what an API's page shows of its definition (type, servers,
 * operations, API-key scheme), so that a detail is answered from this table like the list:
 * reading the entity from the catalog and parsing its definition on every view cost about one
 * catalog call per page view at company size. Existing rows lose their etag, so the next sync
 * reads every API once and fills the column (the hash is unchanged: no events).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('apim_api_snapshots', table => {
    table
      .text('detail')
      .nullable()
      .comment(
        'JSON: definitionType, servers, operations, apiKey; null until the sync reads the entity',
      );
  });
  await knex('apim_api_snapshots').update({ etag: null });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('apim_api_snapshots', table => {
    table.dropColumn('detail');
  });
};
