/**
 * The tenant rule of promotions: who may approve and who may create, by catalog group. The
 * coarse permissions come from the policy (`portico.rbac`); these group names are the
 * resource rule the promotions backend applies to each request's tenant.
 */
export const PLATFORM_APPROVER_GROUP = 'group:default/cpi-admin';

/** Approvers of one tenant's promotions. */
export function tenantApproverGroup(tenant: string): string {
  return `group:default/cpi-tenant-${tenant}`;
}

/** DevOps engineers of one tenant: they request promotions of its components, never approve. */
export function tenantDevopsGroup(tenant: string): string {
  return `group:default/devops-${tenant}`;
}

/** The annotation that names a component's tenant. */
export const TENANT_ANNOTATION = 'portico.io/tenant';
