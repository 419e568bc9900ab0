import { createPermission } from '@backstage/plugin-permission-common';

/** See the events page: every plugin's outbox, payloads included. */
export const porticoEventsReadPermission = createPermission({
  name: 'portico.events.read',
  attributes: { action: 'read' },
});

/** Ask the relay to try a failing event again now, instead of after its back-off. */
export const porticoEventsRetryPermission = createPermission({
  name: 'portico.events.retry',
  attributes: { action: 'update' },
});


/** See the scheduled template runs and their history. */
export const porticoSchedulesReadPermission = createPermission({
  name: 'portico.schedules.read',
  attributes: { action: 'read' },
});

/**
 * Create, change, pause, delete and run-now scheduled template runs. A schedule runs with the
 * portal's service principal, so this is an admin permission (portal-admins in the demo RBAC).
 */
export const porticoSchedulesManagePermission = createPermission({
  name: 'portico.schedules.manage',
  attributes: { action: 'update' },
});

export const porticoPermissions = [
  porticoEventsReadPermission,
  porticoEventsRetryPermission,
  porticoSchedulesReadPermission,
  porticoSchedulesManagePermission,
];
