import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import { monitoringAlertManagePermission, monitoringPermissions } from '@portico/plugin-monitoring-common';

/** Who calls: their ref, their groups, and what the policy granted. */
export class Caller {
  private readonly groupSet: Set<string>;

  constructor(
    readonly credentials: BackstageCredentials,
    readonly ref: string,
    readonly kind: 'user' | 'service',
    groups: string[],
    private readonly granted: Set<string>,
  ) {
    this.groupSet = new Set(groups);
  }

  get groups(): string[] {
    return [...this.groupSet];
  }

  has(permission: BasicPermission): boolean {
    return this.granted.has(permission.name);
  }

  isMemberOf(groupRef: string | undefined): boolean {
    return groupRef !== undefined && this.groupSet.has(groupRef.toLocaleLowerCase('en-US'));
  }

  /** The ack rule: on-call (`monitoring.alert.manage`) or the component's owner team. */
  mayAcknowledge(ownerRef: string | undefined): boolean {
    return this.has(monitoringAlertManagePermission) || this.isMemberOf(ownerRef);
  }
}

export class AccessService {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly userInfo: UserInfoService,
    private readonly auth: AuthService,
  ) {}

  /** The caller, if any of `required` is granted; NotAllowedError naming the permission otherwise. */
  async authorize(credentials: BackstageCredentials, ...required: BasicPermission[]): Promise<Caller> {
    const decisions = await this.permissions.authorize(
      monitoringPermissions.map(permission => ({ permission })),
      { credentials },
    );
    const granted = new Set(
      monitoringPermissions.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW).map(p => p.name),
    );
    let caller: Caller;
    if (this.auth.isPrincipal(credentials, 'user')) {
      const info = await this.userInfo.getUserInfo(credentials);
      const groups = info.ownershipEntityRefs
        .map(ref => ref.toLocaleLowerCase('en-US'))
        .filter(ref => ref.startsWith('group:'));
      caller = new Caller(credentials, info.userEntityRef.toLocaleLowerCase('en-US'), 'user', groups, granted);
    } else if (this.auth.isPrincipal(credentials, 'service')) {
      const subject = credentials.principal.subject;
      caller = new Caller(credentials, subject.includes(':') ? subject : `service:${subject}`, 'service', [], granted);
    } else {
      throw new NotAllowedError('Sign in first');
    }
    if (required.length > 0 && !required.some(p => caller.has(p))) {
      throw new NotAllowedError(`You need the ${required.map(p => p.name).join(' or ')} permission`);
    }
    return caller;
  }
}
