import { createPermission } from '@backstage/plugin-permission-common';

/** Reading the lifecycle lists (expiring soon, tag violations, cost centres) and a resource's card. */
export const lifecycleResourceReadPermission = createPermission({
  name: 'lifecycle.resource.read',
  attributes: { action: 'read' },
});
/**
 * Extending a resource's expiry. The lifecycle service also requires membership of the resource's
 * owner group, unless the caller holds `lifecycle.resource.manage`.
 */
export const lifecycleResourceExtendPermission = createPermission({
  name: 'lifecycle.resource.extend',
  attributes: { action: 'update' },
});
/** Asking for a resource to be provisioned (the sandbox golden path). */
export const lifecycleResourceProvisionPermission = createPermission({
  name: 'lifecycle.resource.provision',
  attributes: { action: 'create' },
});
/** Acting on any resource, whoever owns it (platform team). */
export const lifecycleResourceManagePermission = createPermission({
  name: 'lifecycle.resource.manage',
  attributes: { action: 'update' },
});

export const lifecyclePermissions = [
  lifecycleResourceReadPermission,
  lifecycleResourceExtendPermission,
  lifecycleResourceProvisionPermission,
  lifecycleResourceManagePermission,
];
