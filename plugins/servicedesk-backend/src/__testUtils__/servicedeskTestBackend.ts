import type { Knex } from 'knex';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  demoOrgEntities,
  FakeClock,
  manualScheduler,
  rbacTestServices,
  recordingAuditor,
  recordingNotifications,
  userAuth,
} from '@portico/portico-test-utils';
import type { AuditorServiceCreateEventOptions, SchedulerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { createServicedeskPlugin } from '../plugin';

/** Who is in which group: heidi and ivan are the IT agents, kim works HR tickets, judy is a portal admin. */
export const GROUPS_BY_USER: Record<string, string[]> = {
  'user:default/alice': ['devops-acme', 'payments-team'],
  'user:default/bob': ['payments-team'],
  'user:default/heidi': ['servicedesk-agents', 'hr-team'],
  'user:default/ivan': ['servicedesk-agents', 'sre'],
  'user:default/grace': ['sre'],
  'user:default/judy': ['portal-admins'],
  'user:default/mallory': [],
};

/** The RBAC of app-config `portico.rbac` for the service desk. */
const SIGNED_IN = ['servicedesk.request.create', 'servicedesk.request.read'];
const ROLES: Record<string, string[]> = {
  'servicedesk-agents': ['servicedesk.request.work', 'servicedesk.report.read'],
  'hr-team': ['servicedesk.request.work', 'servicedesk.report.read'],
};

export const { allowed, permissionsFactory, userInfoFactory } =
  rbacTestServices({
    groupsByUser: GROUPS_BY_USER,
    signedIn: SIGNED_IN,
    roles: ROLES,
    // Service callers: what their token allows (everything here), as Backstage does.
    allowServices: true,
  });

export const CATALOG: Entity[] = demoOrgEntities(GROUPS_BY_USER, {
  // A team with nobody in it: its tickets wait in the queue.
  emptyGroups: ['empty-team'],
});

export const auth = userAuth;

export { FakeClock };

export const HOUR = 3_600_000;

export interface ServicedeskTestBackend {
  server: any;
  knex: Knex;
  clock: FakeClock;
  scheduler: SchedulerService & { triggerTask(id: string): Promise<void> };
  sent: NotificationSendOptions[];
  audits: AuditorServiceCreateEventOptions[];
  stop(): Promise<void>;
}

export async function startServicedeskTestBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: { config?: Record<string, unknown> } = {},
): Promise<ServicedeskTestBackend> {
  const knex = await databases.init(databaseId);
  const clock = new FakeClock();
  const scheduler = manualScheduler();
  const notifications = recordingNotifications();
  const auditor = recordingAuditor();
  const backend = await startTestBackend({
    features: [
      createServicedeskPlugin({ clock }),
      permissionsFactory,
      userInfoFactory,
      scheduler.factory(),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: CATALOG }),
      notifications.factory,
      auditor.factory,
      mockServices.rootConfig.factory({
        data: {
          portico: { events: { relay: { intervalSeconds: 3600 } } },
          // The test's service caller (mockCredentials.service()).
          servicedesk: { intake: { allowedSubjects: ['external:test-service'] } },
          ...options.config,
        },
      }),
    ],
  });
  return {
    server: backend.server,
    knex,
    clock,
    scheduler,
    sent: notifications.sent,
    audits: auditor.audits,
    stop: () => backend.stop(),
  };
}

// Whatever host discovery gives the scaffolder in the test backend.
const SCAFFOLDER = '*/api/scaffolder';

/**
 * A scaffolder at the network boundary: tasks created through POST /v2/tasks, whose end the
 * test decides with `finish`.
 */
export class FakeScaffolder {
  readonly created: Array<{
    id: string;
    templateRef: string;
    values: Record<string, unknown>;
    authorization: string | null;
  }> = [];
  private readonly ends = new Map<
    string,
    { status: 'completed' | 'failed'; output?: unknown; error?: string }
  >();
  private counter = 0;
  /** Templates the scaffolder does not know (POST answers 404). */
  readonly missingTemplates = new Set<string>();

  install(server: SetupServer) {
    server.use(
      http.post(`${SCAFFOLDER}/v2/tasks`, async ({ request }) => {
        const body = (await request.json()) as {
          templateRef: string;
          values: Record<string, unknown>;
        };
        if (this.missingTemplates.has(body.templateRef)) {
          return HttpResponse.json(
            {
              error: {
                name: 'NotFoundError',
                message: `Template ${body.templateRef} not found`,
              },
            },
            { status: 404 },
          );
        }
        this.counter += 1;
        const id = `task-${this.counter}`;
        this.created.push({
          id,
          ...body,
          authorization: request.headers.get('authorization'),
        });
        return HttpResponse.json({ id }, { status: 201 });
      }),
      http.get(`${SCAFFOLDER}/v2/tasks/:id`, ({ params }) => {
        const end = this.ends.get(String(params.id));
        return HttpResponse.json({
          id: params.id,
          status: end?.status ?? 'processing',
          spec: {},
          createdAt: '',
        });
      }),
      http.get(`${SCAFFOLDER}/v2/tasks/:id/events`, ({ params }) => {
        const end = this.ends.get(String(params.id));
        const body =
          end?.status === 'completed'
            ? {
                message: 'Run completed with status: completed',
                output: end.output,
              }
            : {
                message: 'Run completed with status: failed',
                error: { name: 'Error', message: end?.error },
              };
        return HttpResponse.json([
          {
            id: 1,
            taskId: params.id,
            type: 'log',
            body: { message: 'Starting' },
            createdAt: '',
          },
          { id: 2, taskId: params.id, type: 'completion', body, createdAt: '' },
        ]);
      }),
    );
  }

  finish(
    id: string,
    end:
      | { status: 'completed'; output: unknown }
      | { status: 'failed'; error: string },
  ) {
    this.ends.set(id, end);
  }
}
