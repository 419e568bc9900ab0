/**
 * Portico's RBAC permission policy for the permission backend.
 *
 * @packageDocumentation
 */
export { permissionModulePortico as default } from './module';
export { PorticoPermissionPolicy } from './service/PorticoPermissionPolicy';
export { readRbacRules } from './service/rbacConfig';
export type { RbacRules, RoleGrant } from './service/rbacConfig';
