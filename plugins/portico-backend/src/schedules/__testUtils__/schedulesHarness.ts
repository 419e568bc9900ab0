import type { Knex } from 'knex';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { NotificationOutbox } from '@portico/portico-node';
import { FakeClock, demoOrgEntities } from '@portico/portico-test-utils';
import { http, HttpResponse } from 'msw';
import { KnexScheduleDatabase } from '../database/KnexScheduleDatabase';
import { ScaffolderTasks } from '../service/ScaffolderTasks';
import { ScheduleRunner } from '../service/ScheduleRunner';
import { ScheduleService } from '../service/ScheduleService';
import { TemplateGate } from '../service/TemplateGate';

export const judy = mockCredentials.user('user:default/judy');
export const ivan = mockCredentials.user('user:default/ivan');

export function template(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', parameters: [], steps: [] },
  };
}

export function templatesAndOrg(): Entity[] {
  return [
    template('trivy-scan', { 'portico.io/schedulable': 'true' }),
    template('new-service', {}),
    template('promotion-deploy', { 'portico.io/schedulable': 'true', 'portico.io/runnable-by': 'plugin:promotions' }),
    ...demoOrgEntities({ 'user:default/judy': ['portal-admins'], 'user:default/ivan': ['portal-admins'] }),
  ];
}

/**
 * The catalog as the permission policy shapes it: a user does not see a template runnable by a
 * plugin alone; the portal's service credentials see every entity.
 */
export function policyShapedCatalog(entities: Entity[]) {
  // Reads the live array, so that a test can change the catalog between runs.
  return catalogServiceMock.mock({
    async getEntityByRef(ref, options) {
      const wanted = stringifyEntityRef(typeof ref === 'string' ? parseEntityRef(ref) : ref).toLocaleLowerCase('en-US');
      const entity = entities.find(e => stringifyEntityRef(e).toLocaleLowerCase('en-US') === wanted);
      const credentials = (options as { credentials?: BackstageCredentials } | undefined)?.credentials;
      const annotations = entity?.metadata.annotations ?? {};
      const hidden = Boolean(annotations['portico.io/runnable-by']);
      if (credentials?.principal && (credentials.principal as { type: string }).type === 'user' && hidden) return undefined;
      return entity;
    },
  });
}

/** What the local scaffolder (msw) received, and what it answers for each task. */
export class FakeScaffolder {
  readonly created: Array<{ templateRef: string; values: Record<string, unknown>; authorization: string | null }> = [];
  readonly statuses = new Map<string, string>();
  failCreate = false;

  handlers(baseUrl = 'http://localhost:0/api/scaffolder') {
    return [
      http.post(`${baseUrl}/v2/tasks`, async ({ request }) => {
        if (this.failCreate) return HttpResponse.json({ error: { name: 'Error', message: 'scaffolder down' } }, { status: 503 });
        const body = (await request.json()) as { templateRef: string; values: Record<string, unknown> };
        this.created.push({ ...body, authorization: request.headers.get('authorization') });
        const id = `task-${this.created.length}`;
        this.statuses.set(id, 'processing');
        return HttpResponse.json({ id }, { status: 201 });
      }),
      http.get(`${baseUrl}/v2/tasks/:id`, ({ params }) => {
        const status = this.statuses.get(String(params.id));
        if (!status) return HttpResponse.json({ error: { name: 'NotFoundError', message: 'no task' } }, { status: 404 });
        return HttpResponse.json({ id: params.id, status });
      }),
    ];
  }
}

/** The schedules' services on a real database, the policy-shaped catalog, a fake clock and the local scaffolder. */
export async function schedulesHarness(knex: Knex, entities: Entity[], clock: FakeClock) {
  const db = await KnexScheduleDatabase.create({ knex });
  const auth = mockServices.auth({ pluginId: 'portico' });
  const catalog = policyShapedCatalog(entities);
  const gate = new TemplateGate({ catalog, auth });
  const sent: NotificationSendOptions[] = [];
  const notices = new NotificationOutbox({
    knex,
    notifications: { send: async (n: NotificationSendOptions) => void sent.push(n) },
    logger: mockServices.logger.mock(),
    clock: () => clock.now(),
  });
  const audits: Array<{ eventId: string; meta?: unknown }> = [];
  const auditor = {
    async createEvent(event: { eventId: string; meta?: unknown }) {
      audits.push(event);
      return { success: async () => {}, fail: async () => {} };
    },
  };
  const runner = new ScheduleRunner({
    db,
    gate,
    tasks: new ScaffolderTasks({ discovery: mockServices.discovery(), auth }),
    notices,
    auditor,
    logger: mockServices.logger.mock(),
    clock,
  });
  const service = new ScheduleService({ db, gate, runner, auditor, clock });
  return { db, runner, service, notices, sent, audits };
}
