import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import { apimAdminPermission } from '@portico/plugin-apim-common';

/** A signed-in user with what the resource rules need: their groups and whether they are a portal admin. */
export class Caller {
  private readonly groupSet: Set<string>;

  constructor(
    readonly credentials: BackstageCredentials<BackstageUserPrincipal>,
    readonly userRef: string,
    groups: string[],
    readonly isAdmin: boolean,
  ) {
    this.groupSet = new Set(groups);
  }

  /** Group refs, lowercased. */
  get groups(): string[] {
    return [...this.groupSet];
  }

  isMemberOf(groupRef: string | undefined): boolean {
    return groupRef !== undefined && this.groupSet.has(groupRef.toLocaleLowerCase('en-US'));
  }
}

/**
 * Turns credentials into a Caller. The permission policy decides the basic permissions by
 * role; the services then apply the rules that need the resource (owner group, requester).
 */
export class AccessService {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly userInfo: UserInfoService,
  ) {}

  /**
   * The caller, if any of `required` is granted (or the caller is a portal admin, who may do
   * everything); NotAllowedError naming the permission otherwise. One policy round trip.
   */
  async authorize(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    ...required: BasicPermission[]
  ): Promise<Caller> {
    const [info, decisions] = await Promise.all([
      this.userInfo.getUserInfo(credentials),
      this.permissions.authorize(
        [apimAdminPermission, ...required].map(permission => ({ permission })),
        { credentials },
      ),
    ]);
    const isAdmin = decisions[0].result === AuthorizeResult.ALLOW;
    const granted = isAdmin || decisions.slice(1).some(d => d.result === AuthorizeResult.ALLOW);
    if (required.length > 0 && !granted) {
      throw new NotAllowedError(
        `You need the ${required.map(p => p.name).join(' or ')} permission`,
      );
    }
    const groups = info.ownershipEntityRefs
      .map(ref => ref.toLocaleLowerCase('en-US'))
      .filter(ref => ref.startsWith('group:'));
    return new Caller(credentials, info.userEntityRef.toLocaleLowerCase('en-US'), groups, isAdmin);
  }
}
