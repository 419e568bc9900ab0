import { ReactElement } from 'react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type {
  ServiceDefinition,
  ServiceRequest,
  ServiceRequestSummary,
} from '@portico/plugin-servicedesk-common';
import { servicedeskApiRef, type ServicedeskApi } from '../api';
import { requestRouteRef, servicedeskRouteRef } from '../routes';

type Decision = Exclude<NonNullable<Parameters<typeof mockApis.permission>[0]>['authorize'], Function | undefined>;

/** A permission API allowing exactly the named permissions (keep them the same in a test file: SWR caches). */
export function permissionsAllowing(...names: string[]): ReturnType<typeof mockApis.permission> {
  return mockApis.permission({
    authorize: request => (names.includes(request.permission.name) ? ('ALLOW' as Decision) : ('DENY' as Decision)),
  });
}

export type MockServicedeskApi = { [K in keyof ServicedeskApi]: jest.Mock };

export function mockServicedeskApi(overrides: Partial<Record<keyof ServicedeskApi, (...args: any[]) => any>> = {}): MockServicedeskApi {
  const methods: Array<keyof ServicedeskApi> = [
    'listServices', 'getService', 'saveService', 'createRequest', 'listRequests', 'getRequest',
    'claim', 'assign', 'comment', 'changeStatus', 'listTeams', 'slaReport', 'secretStatus', 'revealSecret',
  ];
  const defaults: Partial<Record<keyof ServicedeskApi, (...args: any[]) => any>> = {
    secretStatus: async () => ({ available: false }),
  };
  return Object.fromEntries(
    methods.map(m => [m, jest.fn(overrides[m] ?? defaults[m] ?? (async () => { throw new Error(`unexpected call to ${m}`); }))]),
  ) as MockServicedeskApi;
}

type MountedRoutes = NonNullable<NonNullable<Parameters<typeof renderInTestApp>[1]>['mountedRoutes']>;

export function renderServicedesk(
  element: ReactElement,
  options: { api: MockServicedeskApi; allowed?: string[]; url?: string; mountPath?: string },
) {
  return renderInTestApp(element, {
    apis: [[servicedeskApiRef, options.api], permissionsAllowing(...(options.allowed ?? []))],
    mountedRoutes: {
      '/servicedesk': servicedeskRouteRef,
      '/servicedesk/requests/:ticketId': requestRouteRef,
    } as unknown as MountedRoutes,
    mountPath: options.mountPath,
    initialRouteEntries: options.url ? [options.url] : undefined,
  });
}

export const HARDWARE: ServiceDefinition = {
  slug: 'hardware_request',
  name: 'Hardware request',
  description: 'A laptop, a screen, a phone or an accessory.',
  category: 'IT',
  team: 'group:default/servicedesk-agents',
  slaHours: 48,
  autoExecutable: false,
  formSchema: {
    type: 'object',
    required: ['item', 'deliveryLocation'],
    properties: {
      item: { type: 'string', title: 'Item', enum: ['laptop', 'monitor'] },
      quantity: { type: 'integer', title: 'Quantity', default: 1, minimum: 1 },
      deliveryLocation: { type: 'string', title: 'Delivery location' },
    },
  },
  requiredPermissions: [],
  active: true,
  updatedAt: '2026-11-01T00:00:00.000Z',
};

export const PASSWORD_RESET: ServiceDefinition = {
  ...HARDWARE,
  slug: 'password_reset',
  name: 'Password reset',
  description: 'Reset your password.',
  slaHours: 1,
  autoExecutable: true,
  workflowRef: 'template:default/servicedesk-password-reset',
  formSchema: { type: 'object', properties: { account: { type: 'string', title: 'Account' } } },
};

export function summary(overrides: Partial<ServiceRequestSummary> = {}): ServiceRequestSummary {
  return {
    ticketId: 'SD-000007',
    serviceSlug: 'hardware_request',
    serviceName: 'Hardware request',
    team: 'group:default/servicedesk-agents',
    title: 'A second screen',
    priority: 'medium',
    status: 'new',
    requester: 'user:default/alice',
    assignedTo: 'user:default/heidi',
    autoResolution: false,
    createdAt: '2026-11-02T09:00:00.000Z',
    updatedAt: '2026-11-02T09:00:00.000Z',
    sla: { hours: 48, dueAt: '2026-11-04T09:00:00.000Z', remainingMs: 5_400_000, paused: false, pauses: [] },
    ...overrides,
  };
}

export function ticket(overrides: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    ...summary(),
    formData: { item: 'monitor', quantity: 1, deliveryLocation: 'Lyon' },
    createdBy: 'user:default/alice',
    actions: [],
    comments: [],
    history: [{ toStatus: 'new', actor: 'user:default/alice', at: '2026-11-02T09:00:00.000Z' }],
    can: { work: false, comment: true, commentInternal: false, cancel: true, transitions: ['cancelled'] },
    ...overrides,
  };
}

/** Types a whole value at once (MUI fields are slow to type into key by key). */
export async function fill(element: HTMLElement, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}
