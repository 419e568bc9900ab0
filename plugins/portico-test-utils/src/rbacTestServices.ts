import { mockServices } from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * The Portico RBAC as a plugin's tests assume it (app-config `portico.rbac`): users in groups,
 * permissions every signed-in user holds, permissions per group; portal admins hold all; a
 * user the table does not know, and mallory, hold none.
 */
export interface TestRbac {
  groupsByUser: Record<string, string[]>;
  signedIn: string[];
  roles: Record<string, string[]>;
  /** Whether service callers hold every permission (as a token without restrictions does). */
  allowServices?: boolean;
}

/** Permission and user-info services that decide by `rbac`, plus the decision itself. */
export function rbacTestServices(rbac: TestRbac) {
  const allowed = (user: string, permission: string): boolean => {
    const groups = rbac.groupsByUser[user];
    if (!groups || user === 'user:default/mallory') return false;
    if (groups.includes('portal-admins')) return true;
    return (
      rbac.signedIn.includes(permission) ||
      groups.some(group => rbac.roles[group]?.includes(permission))
    );
  };

  // Portico's policy answers definitively (no conditions), and allows Backstage's own catalog
  // permissions to signed-in users unless configured otherwise: conditional queries get that.
  const decide = (requests: readonly unknown[], principal: { type: string; userEntityRef?: string }) =>
    requests.map(query => ({
      result:
        (rbac.allowServices && principal.type === 'service') ||
        (principal.type === 'user' && (query as { permission: { name: string } }).permission.name.startsWith('catalog.')) ||
        allowed(principal.userEntityRef ?? '', (query as { permission: { name: string } }).permission.name)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    }));

  const permissionsFactory = createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () =>
      mockServices.permissions.mock({
        authorizeConditional: async (requests, options) =>
          decide(requests, options.credentials.principal as { type: string; userEntityRef?: string }) as any,
        authorize: async (requests, options) => {
          const principal = options.credentials.principal as {
            type: string;
            userEntityRef?: string;
          };
          return requests.map(query => ({
            result:
              (rbac.allowServices && principal.type === 'service') ||
              allowed(
                principal.userEntityRef ?? '',
                (query as { permission: { name: string } }).permission.name,
              )
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          }));
        },
      }),
  });

  const userInfoFactory = createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials) {
        const user = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return {
          userEntityRef: user,
          ownershipEntityRefs: [
            user,
            ...(rbac.groupsByUser[user] ?? []).map(g => `group:default/${g}`),
          ],
        };
      },
    }),
  });

  return { allowed, permissionsFactory, userInfoFactory };
}
