import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { ApprovalDecider } from '@portico/portico-node';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  PLATFORM_APPROVER_GROUP,
  promotionsPermissions,
  tenantApproverGroup,
  tenantDevopsGroup,
} from '@portico/plugin-promotions-common';

/**
 * A signed-in user with their groups and the promotions permissions the policy grants them
 * (asked in one round trip). The tenant rules need the request, so they live here as questions
 * the service asks.
 */
export class Caller {
  private readonly groupSet: Set<string>;

  constructor(
    readonly credentials: BackstageCredentials<BackstageUserPrincipal>,
    readonly userRef: string,
    groups: string[],
    private readonly granted: Set<string>,
  ) {
    this.groupSet = new Set(groups.map(g => g.toLocaleLowerCase('en-US')));
  }

  get groups(): string[] {
    return [...this.groupSet];
  }

  /** The caller as the approval rule sees them. */
  get decider(): ApprovalDecider {
    return { userRef: this.userRef, groups: this.groups };
  }

  has(permission: BasicPermission): boolean {
    return this.granted.has(permission.name);
  }

  /** NotAllowedError naming the permission when the policy does not grant it. */
  require(permission: BasicPermission): this {
    if (!this.has(permission)) {
      throw new NotAllowedError(`You need the ${permission.name} permission`);
    }
    return this;
  }

  isMemberOf(groupRef: string): boolean {
    return this.groupSet.has(groupRef.toLocaleLowerCase('en-US'));
  }

  /** CPI of the tenant or CPI admin: may approve and reject the tenant's requests (not their own). */
  isApproverFor(tenant: string): boolean {
    return this.isMemberOf(PLATFORM_APPROVER_GROUP) || this.isMemberOf(tenantApproverGroup(tenant));
  }

  /** DevOps of the tenant, or an approver of it: may request promotions of its components. */
  mayRequestFor(tenant: string): boolean {
    return this.isApproverFor(tenant) || this.isMemberOf(tenantDevopsGroup(tenant));
  }

  /** The tenants whose requests the caller may approve; undefined for all (CPI admin). */
  approverTenants(): string[] | undefined {
    if (this.isMemberOf(PLATFORM_APPROVER_GROUP)) return undefined;
    return this.groups
      .map(g => /^group:default\/cpi-tenant-([a-z0-9-]+)$/.exec(g)?.[1])
      .filter((t): t is string => Boolean(t));
  }
}

export class PromotionsAccess {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly userInfo: UserInfoService,
  ) {}

  async caller(credentials: BackstageCredentials<BackstageUserPrincipal>): Promise<Caller> {
    const [info, decisions] = await Promise.all([
      this.userInfo.getUserInfo(credentials),
      this.permissions.authorize(
        promotionsPermissions.map(permission => ({ permission })),
        { credentials },
      ),
    ]);
    const granted = new Set(
      promotionsPermissions
        .filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW)
        .map(p => p.name),
    );
    const groups = info.ownershipEntityRefs.filter(ref => ref.toLocaleLowerCase('en-US').startsWith('group:'));
    return new Caller(credentials, info.userEntityRef.toLocaleLowerCase('en-US'), groups, granted);
  }
}
