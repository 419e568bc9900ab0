// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('monitoring_alerts', table => {
    table.comment('One row per alert occurrence: Alertmanager fingerprint + the start of that firing');
    table.string('id', 36).primary();
    table.string('fingerprint', 64).notNullable();
    table.bigInteger('starts_at').notNullable();
    table.string('state', 16).notNullable().comment('firing | acknowledged | resolved');
    table.string('alertname', 200).notNullable();
    table.string('severity', 16).notNullable();
    table.text('summary').nullable();
    table.text('description').nullable();
    table.text('labels').notNullable().comment('JSON object');
    table.text('annotations').notNullable().comment('JSON object');
    table.text('label_text').notNullable().comment('lower-cased "name=value" lines, for label search');
    table.text('generator_url').nullable();
    table.string('source', 16).notNullable();
    table.text('group_key').notNullable();
    table.string('receiver', 200).nullable();
    table.string('component_ref', 300).nullable();
    table.string('owner_ref', 300).nullable();
    table.bigInteger('acknowledged_at').nullable();
    table.bigInteger('resolved_at').nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['fingerprint', 'starts_at'], { indexName: 'monitoring_alerts_occurrence_uq' });
    table.index(['state', 'starts_at'], 'monitoring_alerts_state_idx');
    table.index(['component_ref', 'state'], 'monitoring_alerts_component_idx');
    table.index(['owner_ref', 'state'], 'monitoring_alerts_owner_idx');
    table.index(['severity', 'state'], 'monitoring_alerts_severity_idx');
    table.index(['fingerprint', 'state'], 'monitoring_alerts_fingerprint_idx');
  });

  await knex.schema.createTable('monitoring_acks', table => {
    table.comment('Acknowledgements; at most one open (ended_at null) per alert');
    table.bigIncrements('id').primary();
    table.string('alert_id', 36).notNullable().references('id').inTable('monitoring_alerts').onDelete('CASCADE');
    table.string('acked_by', 300).notNullable();
    table.bigInteger('acked_at').notNullable();
    table.text('comment').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.string('silence_id', 100).nullable();
    table.bigInteger('ended_at').nullable();
    table.string('ended_reason', 16).nullable().comment('unacknowledged | expired | resolved');
    table.boolean('silence_open').notNullable().defaultTo(false).comment('a silence still to delete in Alertmanager');
    table.index(['alert_id', 'ended_at'], 'monitoring_acks_alert_idx');
    table.index(['ended_at', 'expires_at'], 'monitoring_acks_expiry_idx');
    table.index(['silence_open'], 'monitoring_acks_silence_idx');
  });

  await knex.schema.createTable('monitoring_components', table => {
    table.comment('Projection of catalog components: what monitoring needs from their annotations');
    table.string('entity_ref', 300).primary();
    table.string('name', 200).notNullable().comment('lower-cased metadata.name, matched against alert labels');
    table.string('title', 300).nullable();
    table.string('owner_ref', 300).nullable();
    table.text('alert_selector').nullable();
    table.text('health_url').nullable();
    table.text('slo').nullable();
    table.text('grafana_url').nullable();
    table.string('hash', 64).notNullable();
    table.bigInteger('seen_in_sync').notNullable();
    table.index(['name'], 'monitoring_components_name_idx');
    table.index(['owner_ref'], 'monitoring_components_owner_idx');
    table.index(['seen_in_sync'], 'monitoring_components_sync_idx');
  });

  await knex.schema.createTable('monitoring_health_checks', table => {
    table.bigIncrements('id').primary();
    table.string('entity_ref', 300).notNullable();
    table.bigInteger('checked_at').notNullable();
    table.boolean('up').notNullable();
    table.integer('latency_ms').nullable();
    table.integer('status_code').nullable();
    table.text('error').nullable();
    table.index(['entity_ref', 'checked_at'], 'monitoring_health_entity_idx');
    table.index(['checked_at'], 'monitoring_health_time_idx');
  });

  await knex.schema.createTable('monitoring_notified', table => {
    table.comment('Last notice per fingerprint, so a flapping alert does not page again within the repeat interval');
    table.string('fingerprint', 64).primary();
    table.bigInteger('notified_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('monitoring_notified');
  await knex.schema.dropTable('monitoring_health_checks');
  await knex.schema.dropTable('monitoring_components');
  await knex.schema.dropTable('monitoring_acks');
  await knex.schema.dropTable('monitoring_alerts');
};
