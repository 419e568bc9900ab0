/*
 * Bulk fixtures for bench/scale.ts, written straight into the plugins' own tables once their
 * migrations ran (the backend started): what a company accumulates, not what one test makes.
 */
import { createHash, randomUUID } from 'crypto';
import type { Knex } from 'knex';

export interface Sizes {
  apis: number;
  applications: number;
  subscriptions: number;
  keys: number;
  promotions: number;
  tickets: number;
  findings: number;
  alerts: number;
}

export interface Seeded {
  applicationIds: string[];
  subscriptionIds: string[];
  promotionIds: string[];
  ticketIds: string[];
  serviceSlugs: string[];
  eventIds: Array<{ plugin: string; id: string }>;
  findingIds: string[];
  alertIds: string[];
}

export const TEAMS = [
  'payments-team',
  'commerce-team',
  'platform-team',
  'hr-team',
];
export const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'judy', 'heidi'];
export const DAY = 86_400_000;

export async function insertAll(
  knex: Knex,
  table: string,
  rows: Record<string, unknown>[],
) {
  // SQLite: at most 500 rows in one multi-row insert; PostgreSQL: 65,535 bound values.
  const chunk = Math.min(
    500,
    Math.floor(20_000 / Math.max(1, Object.keys(rows[0] ?? {}).length)),
  );
  await knex.transaction(async trx => {
    for (let i = 0; i < rows.length; i += chunk) {
      await trx(table).insert(rows.slice(i, i + chunk));
    }
  });
}

const apiRef = (i: number, apis: number) =>
  `api:default/bench-api-${String(i % apis).padStart(5, '0')}`;

export async function seedApim(knex: Knex, sizes: Sizes, now: number) {
  const applicationIds = Array.from({ length: sizes.applications }, () =>
    randomUUID(),
  );
  await insertAll(
    knex,
    'apim_applications',
    applicationIds.map((id, i) => ({
      id,
      name: `bench-app-${i}`,
      description: `Application ${i}`,
      owner: `group:default/${TEAMS[i % TEAMS.length]}`,
      environments: JSON.stringify(['sandbox', 'staging', 'production']),
      created_by: `user:default/${USERS[i % USERS.length]}`,
      created_at: now - (i % 365) * DAY,
      updated_at: now - (i % 365) * DAY,
    })),
  );
  const envs = ['sandbox', 'staging', 'production'];
  const states = [
    'active',
    'active',
    'active',
    'pending',
    'suspended',
    'revoked',
    'rejected',
  ];
  const subscriptionIds = Array.from({ length: sizes.subscriptions }, () =>
    randomUUID(),
  );
  await insertAll(
    knex,
    'apim_subscriptions',
    subscriptionIds.map((id, i) => ({
      id,
      application_id: applicationIds[i % applicationIds.length],
      // Round r of application a: API a*37 + r/3 in environment r%3, so (app, api, env) stays unique.
      api_ref: apiRef(
        (i % applicationIds.length) * 37 +
          Math.floor(Math.floor(i / applicationIds.length) / envs.length),
        sizes.apis,
      ),
      plan: 'free',
      environment: envs[Math.floor(i / applicationIds.length) % envs.length],
      state: states[i % states.length],
      requested_by: `user:default/${USERS[i % USERS.length]}`,
      created_at: now - (i % 365) * DAY,
      updated_at: now - (i % 365) * DAY,
    })),
  );
  await insertAll(
    knex,
    'apim_api_keys',
    Array.from({ length: sizes.keys }, (_, i) => ({
      id: randomUUID(),
      application_id: applicationIds[i % applicationIds.length],
      environment: envs[i % envs.length],
      kind: 'user',
      key_hash: createHash('sha256')
        .update(`bench-key-${i}-${randomUUID()}`)
        .digest('hex'),
      prefix: 'ptk_bench',
      last4: String(i % 10_000).padStart(4, '0'),
      created_by: `user:default/${USERS[i % USERS.length]}`,
      created_at: now - (i % 365) * DAY,
      expires_at: now + 90 * DAY,
    })),
  );
  return { applicationIds, subscriptionIds };
}

export async function seedPromotions(knex: Knex, sizes: Sizes, now: number) {
  const states = [
    'DEPLOYED',
    'DEPLOYED',
    'DEPLOYED',
    'REJECTED',
    'FAILED',
    'PENDING',
    'APPROVED',
  ];
  const promotionIds = Array.from({ length: sizes.promotions }, () =>
    randomUUID(),
  );
  await insertAll(
    knex,
    'promotion_requests',
    promotionIds.map((id, i) => ({
      id,
      component_ref: `component:default/bench-service-${i % 500}`,
      component_title: `Bench service ${i % 500}`,
      tenant: i % 2 ? 'acme' : 'globex',
      version: `1.${i % 100}.${i % 7}`,
      git_ref: null,
      from_env: 'STAGING',
      to_env: 'PROD',
      justification: 'Scheduled release',
      rollback_plan: 'Redeploy the previous version',
      state: states[i % states.length],
      requested_by: `user:default/${USERS[i % USERS.length]}`,
      required_approvals: 1,
      revision: 1,
      approved_at: null,
      created_at: now - (i % 365) * DAY - i,
      updated_at: now - (i % 365) * DAY,
    })),
  );
  return { promotionIds };
}

export async function seedServicedesk(knex: Knex, sizes: Sizes, now: number) {
  const services: Array<{ slug: string; team: string; sla_hours: number }> =
    await knex('servicedesk_services').select('slug', 'team', 'sla_hours');
  const statuses = [
    'resolved',
    'resolved',
    'resolved',
    'closed',
    'new',
    'in_progress',
    'waiting_on_requester',
  ];
  const rows = Array.from({ length: sizes.tickets }, (_, i) => {
    const service = services[i % services.length];
    const createdAt = now - (i % 60) * DAY - i;
    const status = statuses[i % statuses.length];
    const resolved = status === 'resolved' || status === 'closed';
    const due = createdAt + Number(service.sla_hours) * 3_600_000;
    return {
      number: i + 1,
      ticket_id: `SD-${String(i + 1).padStart(6, '0')}`,
      requester_ref: `user:default/${USERS[i % USERS.length]}`,
      requester_email: `${USERS[i % USERS.length]}@portico.example`,
      service_slug: service.slug,
      team: service.team,
      priority: ['low', 'medium', 'high', 'critical'][i % 4],
      status,
      title: `Bench ticket ${i}`,
      description: 'Made by the scale benchmark',
      form_data: '{}',
      auto_resolution: false,
      assigned_to: i % 3 ? `user:default/${USERS[i % USERS.length]}` : null,
      created_by: `user:default/${USERS[i % USERS.length]}`,
      created_at: createdAt,
      updated_at: createdAt,
      resolved_at: resolved ? createdAt + (i % 96) * 3_600_000 : null,
      sla_hours: service.sla_hours,
      sla_due_at: due,
      sla_breached_at: !resolved && due < now ? due : null,
      sla_met: resolved ? createdAt + (i % 96) * 3_600_000 <= due : null,
    };
  });
  await insertAll(knex, 'servicedesk_requests', rows);
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      "select setval(pg_get_serial_sequence('servicedesk_requests', 'number'), (select max(number) from servicedesk_requests))",
    );
  }
  return {
    ticketIds: rows.map(r => r.ticket_id),
    serviceSlugs: services.map(s => s.slug),
  };
}

/** Delivered outbox rows, as a week of activity leaves them for the events page. */
export async function seedOutbox(
  knex: Knex,
  count: number,
  topic: string,
  now: number,
) {
  const ids = Array.from({ length: count }, () => randomUUID());
  await insertAll(
    knex,
    'portico_outbox',
    ids.map((id, i) => {
      const occurredAt = now - i * 1000;
      const event = {
        id,
        specversion: '1.0',
        topic,
        type: 'bench',
        subject: `bench:${i % 1000}`,
        actor: 'user:default/alice',
        traceId: randomUUID(),
        occurredAt: new Date(occurredAt).toISOString(),
        data: { n: i },
      };
      return {
        id,
        topic,
        type: 'bench',
        subject: event.subject,
        actor: event.actor,
        trace_id: event.traceId,
        payload: JSON.stringify(event),
        occurred_at: occurredAt,
        created_at: occurredAt,
        events_delivered_at: occurredAt,
        delivered_at: occurredAt,
      };
    }),
  );
  return ids;
}
