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

export const porticoPermissions = [porticoEventsReadPermission, porticoEventsRetryPermission];
