import { createPermission } from '@backstage/plugin-permission-common';

/**
 * APIM permissions, granted by role in app-config (`portico.rbac`). Who may touch which
 * application (its owner group, or portal admins) and who may decide a subscription (a member
 * of the API's owner group who did not ask for it) are resource rules in the service layer.
 */
export const apimApiReadPermission = createPermission({
  name: 'apim.api.read',
  attributes: { action: 'read' },
});
export const apimApplicationCreatePermission = createPermission({
  name: 'apim.application.create',
  attributes: { action: 'create' },
});
/** Change, delete, manage keys of applications one's groups own. */
export const apimApplicationManagePermission = createPermission({
  name: 'apim.application.manage',
  attributes: { action: 'update' },
});
export const apimSubscriptionCreatePermission = createPermission({
  name: 'apim.subscription.create',
  attributes: { action: 'create' },
});
/** Approve or reject subscriptions to APIs one's groups own. */
export const apimSubscriptionDecidePermission = createPermission({
  name: 'apim.subscription.decide',
  attributes: { action: 'update' },
});
/** Call APIs from the Try-It console with one's own applications. */
export const apimTryItPermission = createPermission({
  name: 'apim.tryit.use',
  attributes: { action: 'read' },
});
/** Portal admins: act on any application and subscription. */
export const apimAdminPermission = createPermission({
  name: 'apim.admin',
  attributes: { action: 'update' },
});

export const apimPermissions = [
  apimApiReadPermission,
  apimApplicationCreatePermission,
  apimApplicationManagePermission,
  apimSubscriptionCreatePermission,
  apimSubscriptionDecidePermission,
  apimTryItPermission,
  apimAdminPermission,
];
