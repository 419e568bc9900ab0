// @ts-check

/**
 * A retried deployment of a promotion gets its own maintenance silence: one window per promotion
 * request and deployment attempt (the approval's window is attempt 1), so a redelivered event
 * opens nothing twice and each attempt's outcome ends its own window.
 */

const TABLE = 'monitoring_silence_windows';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable(TABLE, table => {
    table
      .integer('promotion_attempt')
      .notNullable()
      .defaultTo(1)
      .comment(
        'the deployment attempt of promotion_request_id whose window this is; 1 is the approval',
      );
  });
  await knex.schema.alterTable(TABLE, table => {
    table.dropUnique(
      ['promotion_request_id'],
      'monitoring_silence_windows_promotion_uq',
    );
    table.unique(['promotion_request_id', 'promotion_attempt'], {
      indexName: 'monitoring_silence_windows_promotion_attempt_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // The older schema holds one window per request: the retries' windows stay listed (their
  // silences run to their end) but no longer belong to the request.
  await knex(TABLE)
    .where('promotion_attempt', '>', 1)
    .update({ promotion_request_id: null });
  await knex.schema.alterTable(TABLE, table => {
    table.dropUnique(
      ['promotion_request_id', 'promotion_attempt'],
      'monitoring_silence_windows_promotion_attempt_uq',
    );
    table.unique(['promotion_request_id'], {
      indexName: 'monitoring_silence_windows_promotion_uq',
    });
  });
  await knex.schema.alterTable(TABLE, table => {
    table.dropColumn('promotion_attempt');
  });
};
