import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { ScheduleView } from '@portico/plugin-portico-common';
import { PorticoSchedulesApi, porticoSchedulesApiRef } from '../api';
import { SchedulesPage } from '../components/SchedulesPage';
import { permissionsAllowing } from './permissions';

export const daily: ScheduleView = {
  id: '6f1c3f7e-8d2a-4a55-9a1e-1b2c3d4e5f60',
  name: 'Daily Trivy scan',
  templateRef: 'template:default/scheduled-trivy-scan',
  cron: '0 6 * * *',
  parameters: {},
  owner: 'group:default/security',
  enabled: true,
  createdBy: 'user:default/judy',
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedBy: 'user:default/judy',
  updatedAt: '2026-12-01T09:00:00.000Z',
  nextRunAt: '2026-12-07T06:00:00.000Z',
  lastRun: {
    id: 'r1',
    scheduleId: '6f1c3f7e-8d2a-4a55-9a1e-1b2c3d4e5f60',
    trigger: 'schedule',
    triggeredBy: 'plugin:portico',
    taskId: 'task-9',
    status: 'failed',
    message: "The template's task failed",
    startedAt: '2026-12-06T06:00:00.000Z',
    finishedAt: '2026-12-06T06:01:00.000Z',
  },
};

export const weekly: ScheduleView = {
  ...daily,
  id: '7f1c3f7e-8d2a-4a55-9a1e-1b2c3d4e5f60',
  name: 'Weekly security report',
  cron: '0 7 * * 1',
  enabled: false,
  pausedReason:
    'Paused: template:default/x is not annotated portico.io/schedulable: "true"',
  nextRunAt: undefined,
  lastRun: undefined,
};

type Mocked<K extends keyof PorticoSchedulesApi> = jest.Mock<
  ReturnType<PorticoSchedulesApi[K]>,
  Parameters<PorticoSchedulesApi[K]>
>;

export function mockSchedulesApi(items: ScheduleView[] = [daily, weekly]): {
  [K in keyof PorticoSchedulesApi]: Mocked<K>;
} {
  return {
    listSchedules: jest.fn(async () => ({
      items,
      totalCount: items.length,
      limit: 100,
      offset: 0,
    })),
    listRuns: jest.fn(async (_id: string) => ({ items: [] })),
    createSchedule: jest.fn(async body => ({
      ...daily,
      ...body,
      id: 'new-id',
      lastRun: undefined,
    })),
    updateSchedule: jest.fn(async (id, patch) => ({ ...daily, ...patch, id })),
    deleteSchedule: jest.fn(async (_id: string) => undefined),
    setEnabled: jest.fn(async (_id, enabled) => ({ ...weekly, enabled })),
    runNow: jest.fn(async (_id: string) => ({
      ...daily.lastRun!,
      id: 'r2',
      status: 'running' as const,
      taskId: 'task-10',
      trigger: 'manual' as const,
    })),
  };
}

function template(
  name: string,
  title: string,
  annotations: Record<string, string>,
) {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, namespace: 'default', title, annotations },
    spec: {
      parameters: [
        {
          properties: {
            severity: { type: 'string' },
            target: { type: 'string' },
          },
          required: ['severity'],
        },
      ],
    },
  };
}

/**
 * What the catalog answers for templates: one schedulable template, and two that the page must
 * leave out although a catalog might return them (a plugin's template, a half-marked one).
 */
export function mockTemplatesCatalog() {
  return catalogApiMock.mock({
    getEntities: jest.fn(async () => ({
      items: [
        template('scheduled-trivy-scan', 'Scheduled Trivy scan', {
          'portico.io/schedulable': 'true',
        }),
        template('deploy-release', 'Deploy a release', {
          'portico.io/schedulable': 'true',
          'portico.io/runnable-by': 'plugin:promotions',
        }),
        template('cleanup', 'Clean up sandboxes', {
          'portico.io/schedulable': 'false',
        }),
      ],
    })),
  });
}

/**
 * The schedules page for a user holding `allowed`. usePermission caches each decision for the
 * rest of the test file, so a file plays one user.
 */
export async function renderSchedulesPage(options: {
  allowed: string[];
  api?: ReturnType<typeof mockSchedulesApi>;
  catalogApi?: ReturnType<typeof mockTemplatesCatalog>;
  /** Instead of a permission API allowing `allowed`. */
  permissionApi?: ReturnType<typeof permissionsAllowing>;
}) {
  const api = options.api ?? mockSchedulesApi();
  const catalogApi = options.catalogApi ?? mockTemplatesCatalog();
  const alertApi = mockApis.alert();
  await renderInTestApp(<SchedulesPage />, {
    apis: [
      [porticoSchedulesApiRef, api],
      [catalogApiRef, catalogApi],
      options.permissionApi ?? permissionsAllowing(...options.allowed),
      alertApi,
    ],
  });
  return { api, catalogApi, alertApi };
}
