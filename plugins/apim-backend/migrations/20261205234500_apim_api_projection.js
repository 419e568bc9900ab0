// @ts-check

/*
 * The snapshot of the catalog's API entities becomes the projection the API pages read: one row
 * per API with what the list shows and filters on, kept by a paged, incremental sync (etag per
 * entity; a definition is parsed only when its entity changed). Tags get their own table so
 * that a tag filter uses an index.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('apim_api_snapshots', table => {
    table.string('etag', 255).nullable().comment('metadata.etag of the entity last read; null: read again');
    table.string('name', 255).nullable();
    table.string('title', 255).nullable();
    table.text('description').nullable();
    table.string('owner', 255).nullable().comment('Owner ref, lowercased');
    table.string('system', 255).nullable().comment('System ref, lowercased');
    table.string('lifecycle', 64).nullable();
    table.string('type', 64).nullable();
    table.text('tags').nullable().comment('JSON array');
    table.string('version', 64).nullable();
    table.string('environments', 64).nullable().comment('JSON array of the environments the definition serves');
    table.text('plans_error').nullable();
    table.text('definition_error').nullable();
    table.text('search').nullable().comment('name, title and description lowercased, for the search filter');
    table.index(['owner'], 'apim_api_snapshots_owner_idx');
    table.index(['system'], 'apim_api_snapshots_system_idx');
    table.index(['lifecycle'], 'apim_api_snapshots_lifecycle_idx');
    table.index(['type'], 'apim_api_snapshots_type_idx');
  });
  await knex.schema.createTable('apim_api_tags', table => {
    table.comment('Tags of the APIs of the projection, for the tag filter');
    table.string('ref', 255).notNullable().references('ref').inTable('apim_api_snapshots').onDelete('CASCADE');
    table.string('tag', 255).notNullable();
    table.primary(['ref', 'tag']);
    table.index(['tag', 'ref'], 'apim_api_tags_tag_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apim_api_tags');
  await knex.schema.alterTable('apim_api_snapshots', table => {
    table.dropIndex(['owner'], 'apim_api_snapshots_owner_idx');
    table.dropIndex(['system'], 'apim_api_snapshots_system_idx');
    table.dropIndex(['lifecycle'], 'apim_api_snapshots_lifecycle_idx');
    table.dropIndex(['type'], 'apim_api_snapshots_type_idx');
    for (const column of ['etag', 'name', 'title', 'description', 'owner', 'system', 'lifecycle', 'type', 'tags', 'version', 'environments', 'plans_error', 'definition_error', 'search']) {
      table.dropColumn(column);
    }
  });
};
