import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Service desk permissions, granted by role in app-config (`portico.rbac`). Which tickets one
 * may see or work (one's own requests; the tickets of the teams one belongs to) are resource
 * rules in the service layer.
 */

/** File a request from the service catalog. */
export const servicedeskRequestCreatePermission = createPermission({
  name: 'servicedesk.request.create',
  attributes: { action: 'create' },
});
/** See the service catalog and one's own requests. */
export const servicedeskRequestReadPermission = createPermission({
  name: 'servicedesk.request.read',
  attributes: { action: 'read' },
});
/** Agents: see the queue of one's teams, claim, assign, comment internally, change status. */
export const servicedeskRequestWorkPermission = createPermission({
  name: 'servicedesk.request.work',
  attributes: { action: 'update' },
});
/** SLA compliance per service and per team. */
export const servicedeskReportReadPermission = createPermission({
  name: 'servicedesk.report.read',
  attributes: { action: 'read' },
});
/** Add and edit services of the catalog (portal admins). */
export const servicedeskServiceManagePermission = createPermission({
  name: 'servicedesk.service.manage',
  attributes: { action: 'update' },
});
/** Portal admins: see and work every ticket, whatever the team. */
export const servicedeskAdminPermission = createPermission({
  name: 'servicedesk.admin',
  attributes: { action: 'update' },
});

export const servicedeskPermissions = [
  servicedeskRequestCreatePermission,
  servicedeskRequestReadPermission,
  servicedeskRequestWorkPermission,
  servicedeskReportReadPermission,
  servicedeskServiceManagePermission,
  servicedeskAdminPermission,
];

/**
 * The Backstage permission behind a service's `requiredPermissions` entry: `hr` is
 * `servicedesk.service.hr`, granted to roles in `portico.rbac` like any other permission.
 */
export function serviceRequiredPermission(name: string) {
  return createPermission({ name: `servicedesk.service.${name}`, attributes: {} });
}
