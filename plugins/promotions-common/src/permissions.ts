import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Promotion permissions, granted by role in app-config (`portico.rbac`). Which tenant a caller
 * may act for and "never your own request" are resource rules in the promotions service, so
 * REST, the scaffolder action and retries all meet them.
 */
export const promotionsRequestReadPermission = createPermission({
  name: 'promotions.request.read',
  attributes: { action: 'read' },
});
export const promotionsRequestCreatePermission = createPermission({
  name: 'promotions.request.create',
  attributes: { action: 'create' },
});
export const promotionsRequestApprovePermission = createPermission({
  name: 'promotions.request.approve',
  attributes: { action: 'update' },
});
export const promotionsRequestRejectPermission = createPermission({
  name: 'promotions.request.reject',
  attributes: { action: 'update' },
});
/** Retrying a failed deployment on the same approval (requesters and approvers of the tenant). */
export const promotionsRequestRetryPermission = createPermission({
  name: 'promotions.request.retry',
  attributes: { action: 'update' },
});

export const promotionsPermissions = [
  promotionsRequestReadPermission,
  promotionsRequestCreatePermission,
  promotionsRequestApprovePermission,
  promotionsRequestRejectPermission,
  promotionsRequestRetryPermission,
];
