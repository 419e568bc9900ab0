import type { LoggerService, UserInfoService } from '@backstage/backend-plugin-api';
import { AuthorizeResult, PolicyDecision } from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import type { RbacRules } from './rbacConfig';

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/** Marks a template that acts with a plugin's authority: `portico.io/runnable-by: plugin:promotions`. */
export const RUNNABLE_BY_ANNOTATION = 'portico.io/runnable-by';

/**
 * Users read every entity but those runnable by a plugin alone. The scaffolder reads a template
 * with the credentials of whoever starts the task, so a user cannot start one (404); the plugin
 * starts it with its service credentials, which Backstage does not submit to the policy. The
 * condition is the catalog's HAS_ANNOTATION rule, applied in the catalog's query.
 */
const entitiesUsersMayRead: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    not: { rule: 'HAS_ANNOTATION', resourceType: 'catalog-entity', params: { annotation: RUNNABLE_BY_ANNOTATION } },
  },
};

/**
 * Role-based decisions: a role is a catalog group, and app-config maps groups to
 * permission-name patterns. Portico's own permissions are denied unless a role grants
 * them; Backstage's permissions stay allowed unless config restricts them to roles.
 *
 * Resource-level rules that need the resource (a promotion's tenant, "not your own
 * request") are enforced by each plugin's service layer, which has the resource at hand.
 */
export class PorticoPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly rules: RbacRules,
    private readonly userInfo: UserInfoService,
    private readonly logger: LoggerService,
  ) {}

  isPorticoPermission(name: string): boolean {
    const area = name.split('.')[0];
    return this.rules.porticoAreas.includes(area);
  }

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const name = request.permission.name;
    const porticoOwned = this.isPorticoPermission(name);
    const restricted =
      porticoOwned ||
      this.rules.restrictedBackstagePermissions.some(pattern => pattern.test(name));
    if (!restricted) {
      return name === 'catalog.entity.read' && user ? entitiesUsersMayRead : allow;
    }
    if (!user) {
      return deny;
    }
    const groups = await this.groupsOf(user);
    const granted =
      this.rules.signedInUsers.some(pattern => pattern.test(name)) ||
      this.rules.roles.some(
        role => groups.has(role.group) && role.allow.some(pattern => pattern.test(name)),
      );
    if (!granted) {
      this.logger.debug(`Denied ${name}: no role of the caller grants it`);
    }
    if (granted && name === 'catalog.entity.read') return entitiesUsersMayRead;
    return granted ? allow : deny;
  }

  private async groupsOf(user: PolicyQueryUser): Promise<Set<string>> {
    const info = await this.userInfo.getUserInfo(user.credentials);
    return new Set(
      info.ownershipEntityRefs
        .map(ref => ref.toLocaleLowerCase('en-US'))
        .filter(ref => ref.startsWith('group:')),
    );
  }
}
