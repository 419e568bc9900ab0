import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  SECURITY_GROUP,
  securityFindingTriagePermission,
  securityPermissions,
} from '@portico/plugin-security-common';

/** A signed-in user, their groups and the security permissions the policy grants them (one round trip). */
export class Caller {
  private readonly groupSet: Set<string>;

  constructor(
    readonly userRef: string,
    groups: string[],
    private readonly granted: Set<string>,
  ) {
    this.groupSet = new Set(groups.map(g => g.toLocaleLowerCase('en-US')));
  }

  get groups(): string[] {
    return [...this.groupSet].sort();
  }

  has(permission: BasicPermission): boolean {
    return this.granted.has(permission.name);
  }

  require(permission: BasicPermission): this {
    if (!this.has(permission))
      throw new NotAllowedError(`You need the ${permission.name} permission`);
    return this;
  }

  isMemberOf(groupRef: string | undefined): boolean {
    return (
      groupRef !== undefined &&
      this.groupSet.has(groupRef.toLocaleLowerCase('en-US'))
    );
  }

  isSecurityMember(): boolean {
    return this.isMemberOf(SECURITY_GROUP);
  }

  /**
   * Everyone reads their own teams' findings; whoever may triage reads all (unowned included).
   * Undefined means no restriction.
   */
  visibleOwners(): string[] | undefined {
    return this.has(securityFindingTriagePermission) ? undefined : this.groups;
  }

  sees(ownerRef: string | undefined): boolean {
    const owners = this.visibleOwners();
    return (
      owners === undefined ||
      (ownerRef !== undefined && owners.includes(ownerRef))
    );
  }
}

export class SecurityAccess {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly userInfo: UserInfoService,
  ) {}

  async caller(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<Caller> {
    const [info, decisions] = await Promise.all([
      this.userInfo.getUserInfo(credentials),
      this.permissions.authorize(
        securityPermissions.map(permission => ({ permission })),
        { credentials },
      ),
    ]);
    const granted = new Set(
      securityPermissions
        .filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW)
        .map(p => p.name),
    );
    const groups = info.ownershipEntityRefs.filter(ref =>
      ref.toLocaleLowerCase('en-US').startsWith('group:'),
    );
    return new Caller(
      info.userEntityRef.toLocaleLowerCase('en-US'),
      groups,
      granted,
    );
  }
}
