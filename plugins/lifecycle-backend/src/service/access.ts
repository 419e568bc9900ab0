import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import { lifecyclePermissions, lifecycleResourceManagePermission } from '@portico/plugin-lifecycle-common';

/** A signed-in user, their groups and the lifecycle permissions the policy grants them. */
export class LifecycleCaller {
  private readonly groups: Set<string>;

  constructor(
    readonly userRef: string,
    ownership: string[],
    private readonly granted: Set<string>,
  ) {
    this.groups = new Set(ownership.map(g => g.toLowerCase()));
  }

  has(permission: BasicPermission) {
    return this.granted.has(permission.name);
  }

  require(permission: BasicPermission): this {
    if (!this.has(permission)) throw new NotAllowedError(`You need the ${permission.name} permission`);
    return this;
  }

  /** Owners (members of the owner group) act on their resources; `lifecycle.resource.manage` on any. */
  mayActOn(owner: string | undefined): boolean {
    return this.has(lifecycleResourceManagePermission) || (!!owner && this.groups.has(owner.toLowerCase()));
  }
}

export class LifecycleAccess {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly userInfo: UserInfoService,
  ) {}

  async caller(credentials: BackstageCredentials<BackstageUserPrincipal>): Promise<LifecycleCaller> {
    const [info, decisions] = await Promise.all([
      this.userInfo.getUserInfo(credentials),
      this.permissions.authorize(lifecyclePermissions.map(permission => ({ permission })), { credentials }),
    ]);
    const granted = new Set(
      lifecyclePermissions.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW).map(p => p.name),
    );
    return new LifecycleCaller(info.userEntityRef, info.ownershipEntityRefs, granted);
  }
}
