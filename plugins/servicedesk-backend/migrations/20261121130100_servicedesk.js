// @ts-check

/*
 * The service desk: the seed's service_catalog, service_requests and service_actions, plus
 * what the seed kept in n8n or nowhere: comments, status history, SLA pauses and the
 * round-robin cursor of each team.
 *
 * Times are epoch milliseconds in bigint columns, as in the outbox: comparisons with "now"
 * behave the same on SQLite and PostgreSQL. Refs are stored lowercased.
 */

const IT = 'group:default/servicedesk-agents';
const HR = 'group:default/hr-team';
/** @param {string} title @param {Record<string, unknown>} [extra] */
const str = (title, extra = {}) => ({ type: 'string', title, ...extra });

/** The seed's ten services (automation matrix, section 4), with a form each. */
const SEED_SERVICES = [
  {
    slug: 'password_reset',
    name: 'Password reset',
    description: 'Reset your Microsoft 365 password; a temporary password is sent to your recovery address.',
    category: 'IT',
    team: IT,
    slaHours: 1,
    auto: true,
    workflowRef: 'template:default/servicedesk-password-reset',
    requiredPermissions: [],
    form: {
      type: 'object',
      required: ['account'],
      properties: {
        account: str('Account (user principal name)', { format: 'email' }),
        reason: str('Reason', { enum: ['forgotten', 'locked out', 'compromised'], default: 'forgotten' }),
      },
    },
  },
  {
    slug: 'sharepoint_create',
    name: 'SharePoint site',
    description: 'A new SharePoint team site with its owners.',
    category: 'IT',
    team: IT,
    slaHours: 4,
    auto: true,
    workflowRef: 'template:default/servicedesk-sharepoint-site',
    requiredPermissions: [],
    form: {
      type: 'object',
      required: ['siteName', 'owners'],
      properties: {
        siteName: str('Site name', { minLength: 3, maxLength: 60 }),
        owners: { type: 'array', title: 'Owners (e-mail)', minItems: 1, items: str('Owner', { format: 'email' }) },
        visibility: str('Visibility', { enum: ['private', 'public'], default: 'private' }),
      },
    },
  },
  {
    slug: 'user_onboarding',
    name: 'User onboarding',
    description: 'Accounts, equipment and access for a new colleague.',
    category: 'HR',
    team: HR,
    slaHours: 24,
    auto: false,
    requiredPermissions: ['hr'],
    form: {
      type: 'object',
      required: ['fullName', 'email', 'startDate', 'department'],
      properties: {
        fullName: str('Full name', { minLength: 2 }),
        email: str('Work e-mail', { format: 'email' }),
        startDate: str('Start date', { format: 'date' }),
        department: str('Department'),
        manager: str('Manager (e-mail)', { format: 'email' }),
      },
    },
  },
  {
    slug: 'user_offboarding',
    name: 'User offboarding',
    description: 'Disable the accounts of a leaving colleague and hand their files over to their manager.',
    category: 'HR',
    team: HR,
    slaHours: 4,
    auto: true,
    workflowRef: 'template:default/servicedesk-user-offboarding',
    requiredPermissions: ['hr'],
    form: {
      type: 'object',
      required: ['email', 'lastDay'],
      properties: {
        email: str('Work e-mail', { format: 'email' }),
        lastDay: str('Last day', { format: 'date' }),
        handOverTo: str('Hand files over to (e-mail)', { format: 'email' }),
      },
    },
  },
  {
    slug: 'access_request',
    name: 'Access request',
    description: 'Access to an application, a share or a group.',
    category: 'IT',
    team: IT,
    slaHours: 8,
    auto: false,
    requiredPermissions: [],
    form: {
      type: 'object',
      required: ['resource', 'accessLevel', 'justification'],
      properties: {
        resource: str('Application, share or group'),
        accessLevel: str('Access level', { enum: ['read', 'write', 'admin'], default: 'read' }),
        justification: str('Justification', { minLength: 10 }),
      },
    },
  },
  {
    slug: 'hardware_request',
    name: 'Hardware request',
    description: 'A laptop, a screen, a phone or an accessory.',
    category: 'IT',
    team: IT,
    slaHours: 48,
    auto: false,
    requiredPermissions: [],
    form: {
      type: 'object',
      required: ['item', 'quantity', 'deliveryLocation'],
      properties: {
        item: str('Item', { enum: ['laptop', 'monitor', 'phone', 'headset', 'keyboard', 'other'] }),
        quantity: { type: 'integer', title: 'Quantity', minimum: 1, maximum: 10, default: 1 },
        deliveryLocation: str('Delivery location'),
        justification: str('Justification'),
      },
    },
  },
  {
    slug: 'vpn_access',
    name: 'VPN access',
    description: 'A VPN profile for remote work.',
    category: 'IT',
    team: IT,
    slaHours: 2,
    auto: true,
    workflowRef: 'template:default/servicedesk-vpn-access',
    requiredPermissions: [],
    form: {
      type: 'object',
      required: ['device'],
      properties: {
        device: str('Device', { enum: ['laptop', 'phone', 'tablet'] }),
        until: str('Needed until', { format: 'date' }),
      },
    },
  },
  {
    slug: 'email_distribution',
    name: 'E-mail distribution list',
    description: 'A new distribution list, or members added to one.',
    category: 'IT',
    team: IT,
    slaHours: 4,
    auto: true,
    workflowRef: 'template:default/servicedesk-email-distribution',
    requiredPermissions: [],
    form: {
      type: 'object',
      required: ['listName', 'members'],
      properties: {
        listName: str('List name', { minLength: 3 }),
        members: { type: 'array', title: 'Members (e-mail)', minItems: 1, items: str('Member', { format: 'email' }) },
      },
    },
  },
  {
    slug: 'teams_channel',
    name: 'Teams channel',
    description: 'A new channel in a Microsoft Teams team.',
    category: 'IT',
    team: IT,
    slaHours: 2,
    auto: true,
    workflowRef: 'template:default/servicedesk-teams-channel',
    requiredPermissions: [],
    form: {
      type: 'object',
      required: ['team', 'channelName'],
      properties: {
        team: str('Team'),
        channelName: str('Channel name', { minLength: 2, maxLength: 50 }),
        private: { type: 'boolean', title: 'Private channel', default: false },
      },
    },
  },
  {
    slug: 'incident_report',
    name: 'Incident report',
    description: 'Report an outage or a security incident; on-call is notified at once.',
    category: 'IT',
    team: IT,
    slaHours: 1,
    auto: true,
    workflowRef: 'template:default/servicedesk-incident-report',
    requiredPermissions: [],
    form: {
      type: 'object',
      required: ['severity', 'affectedService'],
      properties: {
        severity: str('Severity', { enum: ['low', 'medium', 'high', 'critical'], default: 'medium' }),
        affectedService: str('Affected service'),
        startedAt: str('Started at', { format: 'date-time' }),
      },
    },
  },
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('servicedesk_services', table => {
    table.comment('The service catalog (seed: service_catalog)');
    table.string('slug', 63).primary();
    table.string('name', 120).notNullable();
    table.text('description').notNullable();
    table.string('category', 40).notNullable();
    table.string('team', 255).notNullable().comment('Catalog group ref that works the tickets');
    table.float('sla_hours').notNullable();
    table.boolean('auto_executable').notNullable();
    table.string('workflow_ref', 255).nullable().comment('Scaffolder template ref (seed: workflow_id)');
    table.text('form_schema').notNullable().comment('JSON schema of the request form');
    table.text('required_permissions').notNullable().comment('JSON array');
    table.boolean('active').notNullable().defaultTo(true);
    table.bigInteger('updated_at').notNullable();
    table.string('updated_by', 255).nullable();
  });

  await knex.schema.createTable('servicedesk_requests', table => {
    table.comment('Tickets (seed: service_requests); the ticket id is SD- and the number on 6 digits');
    table.increments('number').primary();
    table.string('ticket_id', 16).nullable().unique();
    table.string('requester_ref', 255).nullable().comment('Null when a service filed it for an e-mail unknown to the catalog');
    table.string('requester_email', 255).nullable();
    table.string('requester_name', 255).nullable();
    table.string('service_slug', 63).notNullable().references('slug').inTable('servicedesk_services');
    table.string('team', 255).notNullable();
    table.string('priority', 16).notNullable();
    table.string('status', 32).notNullable();
    table.string('title', 200).notNullable();
    table.text('description').nullable();
    table.text('form_data').notNullable().comment('JSON (seed: metadata)');
    table.boolean('auto_resolution').notNullable();
    table.string('assigned_to', 255).nullable();
    table.text('resolution_notes').nullable();
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    table.float('sla_hours').notNullable();
    table.bigInteger('sla_due_at').notNullable().comment('Due time with the pauses that ended added');
    table.bigInteger('paused_since').nullable();
    table.string('pause_reason', 32).nullable();
    table.bigInteger('sla_breached_at').nullable();
    table.boolean('sla_met').nullable();
    table.index(['status'], 'servicedesk_requests_status_idx');
    table.index(['requester_ref', 'created_at'], 'servicedesk_requests_requester_idx');
    table.index(['created_at'], 'servicedesk_requests_created_idx');
    table.index(['team', 'status'], 'servicedesk_requests_team_idx');
    table.index(['resolved_at'], 'servicedesk_requests_resolved_idx');
    table.index(['sla_due_at'], 'servicedesk_requests_due_idx');
  });

  await knex.schema.createTable('servicedesk_actions', table => {
    table.comment('Automation runs of a request (seed: service_actions): one scaffolder task each');
    table.string('id', 36).primary();
    table.integer('request_number').notNullable().references('number').inTable('servicedesk_requests');
    table.string('action_type', 40).notNullable();
    table.text('action_data').notNullable().comment('JSON: template ref and values');
    table.string('status', 16).notNullable().comment('running, succeeded, failed');
    table.string('task_id', 64).nullable();
    table.string('executed_by', 255).notNullable();
    table.bigInteger('executed_at').notNullable();
    table.bigInteger('finished_at').nullable();
    table.text('result').nullable().comment('JSON: the task output');
    table.text('error_message').nullable();
    table.index(['status'], 'servicedesk_actions_status_idx');
    table.index(['request_number'], 'servicedesk_actions_request_idx');
  });

  await knex.schema.createTable('servicedesk_comments', table => {
    table.string('id', 36).primary();
    table.integer('request_number').notNullable().references('number').inTable('servicedesk_requests');
    table.string('author', 255).notNullable();
    table.text('body').notNullable();
    table.string('visibility', 16).notNullable().comment('public, internal');
    table.bigInteger('created_at').notNullable();
    table.index(['request_number', 'created_at'], 'servicedesk_comments_request_idx');
  });

  await knex.schema.createTable('servicedesk_history', table => {
    table.comment('Every status change and assignment of a request');
    table.bigIncrements('seq').primary();
    table.integer('request_number').notNullable().references('number').inTable('servicedesk_requests');
    table.string('from_status', 32).nullable();
    table.string('to_status', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.text('note').nullable();
    table.bigInteger('at').notNullable();
    table.index(['request_number', 'seq'], 'servicedesk_history_request_idx');
  });

  await knex.schema.createTable('servicedesk_sla_pauses', table => {
    table.bigIncrements('seq').primary();
    table.integer('request_number').notNullable().references('number').inTable('servicedesk_requests');
    table.string('reason', 32).notNullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('ended_at').nullable();
    table.index(['request_number', 'seq'], 'servicedesk_sla_pauses_request_idx');
  });

  await knex.schema.createTable('servicedesk_assignment_cursors', table => {
    table.comment('Round-robin: the member of each team that got the last ticket');
    table.string('team', 255).primary();
    table.string('last_assignee', 255).notNullable();
  });

  const now = Date.now();
  await knex('servicedesk_services').insert(
    SEED_SERVICES.map(service => ({
      slug: service.slug,
      name: service.name,
      description: service.description,
      category: service.category,
      team: service.team,
      sla_hours: service.slaHours,
      auto_executable: service.auto,
      workflow_ref: service.workflowRef ?? null,
      form_schema: JSON.stringify(service.form),
      required_permissions: JSON.stringify(service.requiredPermissions),
      active: true,
      updated_at: now,
      updated_by: 'plugin:servicedesk',
    })),
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'servicedesk_assignment_cursors',
    'servicedesk_sla_pauses',
    'servicedesk_history',
    'servicedesk_comments',
    'servicedesk_actions',
    'servicedesk_requests',
    'servicedesk_services',
  ]) {
    await knex.schema.dropTable(table);
  }
};
