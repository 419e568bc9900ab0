// @ts-check

/*
 * Security findings: scans (reports, idempotent by payload hash), findings deduplicated by a
 * fingerprint, their occurrences per scan, their timeline, risk requests, Falco events, and the
 * projection of catalog components with their container images.
 *
 * Times are epoch milliseconds in bigint columns (comparisons with "now" behave the same on
 * SQLite and PostgreSQL). Refs are stored lower-cased.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('security_components', table => {
    table.comment('Projection of catalog components that name container images (portico.io/container-image)');
    table.string('entity_ref', 255).primary();
    table.string('title', 255).nullable();
    table.string('owner_ref', 255).nullable();
    table.string('namespace', 255).nullable().comment('backstage.io/kubernetes-namespace, to link Falco events');
    table.text('images').notNullable().comment('JSON array of image repositories');
    table.string('hash', 64).notNullable().comment('Of what the projection keeps: an unchanged entity is not rewritten');
    table.string('sync_run', 36).notNullable().comment('The last sync that saw it: the others were deleted from the catalog');
    table.bigInteger('updated_at').notNullable();
    table.index(['owner_ref'], 'security_components_owner_idx');
    table.index(['namespace'], 'security_components_namespace_idx');
  });

  await knex.schema.createTable('security_component_images', table => {
    table.comment('Image repository -> component, the join of findings to components');
    table.string('repository', 512).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.primary(['repository', 'entity_ref']);
    table.index(['entity_ref'], 'security_component_images_entity_idx');
  });

  await knex.schema.createTable('security_scans', table => {
    table.comment('One ingested report; the same payload twice is one scan');
    table.string('id', 36).primary();
    table.string('scanner', 16).notNullable();
    table.string('artifact', 512).notNullable();
    table.string('repository', 512).notNullable();
    table.string('digest', 128).nullable();
    table.string('image_id', 255).nullable();
    table.string('payload_hash', 64).notNullable();
    table.string('actor', 255).notNullable();
    table.text('summary').notNullable().comment('JSON IngestSummary, returned again for a replay');
    table.bigInteger('created_at').notNullable();
    table.unique(['payload_hash'], { indexName: 'security_scans_payload_uq' });
    table.index(['artifact', 'created_at'], 'security_scans_artifact_idx');
    table.index(['digest'], 'security_scans_digest_idx');
  });

  await knex.schema.createTable('security_findings', table => {
    table.comment('A finding, deduplicated by fingerprint across scans');
    table.string('id', 36).primary();
    table.string('fingerprint', 64).notNullable();
    table.string('scanner', 16).notNullable();
    table.string('kind', 32).notNullable();
    table.string('rule_id', 255).notNullable();
    table.text('title').notNullable();
    table.text('description').nullable();
    table.string('severity', 16).notNullable();
    table.integer('severity_rank').notNullable().comment('0 critical .. 4 unknown, for sorting');
    table.float('cvss_score').nullable();
    table.string('pkg_name', 255).nullable();
    table.string('installed_version', 255).nullable();
    table.text('fixed_version').nullable();
    table.text('target').nullable();
    table.text('primary_url').nullable();
    table.string('artifact', 512).notNullable();
    table.string('repository', 512).notNullable();
    table.string('digest', 128).nullable();
    table.string('component_ref', 255).nullable();
    table.string('owner_ref', 255).nullable();
    table.string('state', 16).notNullable();
    table.integer('revision').notNullable().defaultTo(0).comment('Bumped by every change: concurrent decisions have one winner');
    table.integer('occurrences').notNullable().defaultTo(1);
    table.string('first_scan_id', 36).nullable();
    table.string('last_scan_id', 36).nullable();
    table.bigInteger('first_seen_at').notNullable();
    table.bigInteger('last_seen_at').notNullable();
    table.bigInteger('fixed_at').nullable();
    table.bigInteger('due_at').nullable();
    table.bigInteger('runtime_seen_at').nullable();
    table.bigInteger('risk_expires_at').nullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['fingerprint'], { indexName: 'security_findings_fingerprint_uq' });
    // What a new scan of an artifact compares with.
    table.index(['artifact', 'scanner', 'state'], 'security_findings_artifact_idx');
    table.index(['component_ref', 'state', 'severity_rank'], 'security_findings_component_idx');
    table.index(['owner_ref', 'state'], 'security_findings_owner_idx');
    table.index(['state', 'severity_rank', 'due_at'], 'security_findings_state_idx');
    table.index(['repository'], 'security_findings_repository_idx');
    table.index(['digest'], 'security_findings_digest_idx');
    table.index(['rule_id'], 'security_findings_rule_idx');
    table.index(['risk_expires_at'], 'security_findings_expiry_idx');
  });

  await knex.schema.createTable('security_occurrences', table => {
    table.comment('Which scans reported a finding');
    table.string('finding_id', 36).notNullable().references('id').inTable('security_findings');
    table.string('scan_id', 36).notNullable().references('id').inTable('security_scans');
    table.bigInteger('at').notNullable();
    table.primary(['finding_id', 'scan_id']);
    table.index(['scan_id'], 'security_occurrences_scan_idx');
  });

  await knex.schema.createTable('security_finding_events', table => {
    table.comment('The timeline of a finding: every state change after it was opened');
    table.bigIncrements('seq').primary();
    table.string('finding_id', 36).notNullable().references('id').inTable('security_findings');
    table.string('action', 32).notNullable();
    table.string('from_state', 16).nullable();
    table.string('to_state', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.text('comment').nullable();
    table.bigInteger('at').notNullable();
    table.index(['finding_id', 'seq'], 'security_finding_events_finding_idx');
    table.index(['to_state', 'at'], 'security_finding_events_state_idx');
  });

  await knex.schema.createTable('security_risk_requests', table => {
    table.comment('A request to accept a risk or declare a false positive, approved by security');
    table.string('id', 36).primary();
    table.string('finding_id', 36).notNullable().references('id').inTable('security_findings');
    table.string('kind', 16).notNullable();
    table.text('justification').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('state', 16).notNullable().comment('pending, approved, rejected');
    table.integer('revision').notNullable().defaultTo(0);
    table.string('decided_by', 255).nullable();
    table.text('decision_comment').nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('decided_at').nullable();
    table.index(['finding_id', 'created_at'], 'security_risk_requests_finding_idx');
    table.index(['state', 'created_at'], 'security_risk_requests_state_idx');
  });

  await knex.schema.createTable('security_falco_events', table => {
    table.comment('Falco events as received; the uuid makes a replay idempotent');
    table.string('uuid', 36).primary();
    table.string('rule', 255).notNullable();
    table.string('priority', 16).notNullable();
    table.string('severity', 16).notNullable();
    table.text('output').notNullable();
    table.bigInteger('event_time').notNullable();
    table.string('hostname', 255).nullable();
    table.string('container_id', 128).nullable();
    table.string('image_repository', 512).nullable();
    table.string('namespace', 255).nullable();
    table.string('component_ref', 255).nullable();
    table.string('finding_id', 36).nullable();
    table.text('fields').nullable().comment('JSON output_fields');
    table.bigInteger('received_at').notNullable();
    table.index(['event_time'], 'security_falco_events_time_idx');
    table.index(['component_ref', 'event_time'], 'security_falco_events_component_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('security_falco_events');
  await knex.schema.dropTable('security_risk_requests');
  await knex.schema.dropTable('security_finding_events');
  await knex.schema.dropTable('security_occurrences');
  await knex.schema.dropTable('security_findings');
  await knex.schema.dropTable('security_scans');
  await knex.schema.dropTable('security_component_images');
  await knex.schema.dropTable('security_components');
};
