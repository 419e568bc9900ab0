import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  servicedeskAdminPermission,
  servicedeskReportReadPermission,
  servicedeskRequestCreatePermission,
  servicedeskRequestReadPermission,
  servicedeskRequestWorkPermission,
  servicedeskServiceManagePermission,
} from '@portico/plugin-servicedesk-common';

const ALL = [
  servicedeskAdminPermission,
  servicedeskRequestCreatePermission,
  servicedeskRequestReadPermission,
  servicedeskRequestWorkPermission,
  servicedeskReportReadPermission,
  servicedeskServiceManagePermission,
];

/**
 * Who calls, with what the policy granted them. A user has groups (their teams); a service
 * caller (another plugin, or an outside system with a static token: the seed's form trigger)
 * has none and acts only through the intake endpoint.
 */
export class Caller {
  private readonly groupSet: Set<string>;

  constructor(
    readonly credentials: BackstageCredentials,
    /** user:default/alice, or plugin:xyz / external:name for services. */
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

  get isAdmin(): boolean {
    return this.granted.has(servicedeskAdminPermission.name);
  }

  has(permission: BasicPermission): boolean {
    return this.isAdmin || this.granted.has(permission.name);
  }

  isMemberOf(groupRef: string | undefined): boolean {
    return groupRef !== undefined && this.groupSet.has(groupRef.toLocaleLowerCase('en-US'));
  }

  /** An agent of `team`: the work permission and membership (portal admins: every team). */
  worksFor(team: string): boolean {
    return this.isAdmin || (this.has(servicedeskRequestWorkPermission) && this.isMemberOf(team));
  }
}

/** Turns credentials into a Caller, in one policy round trip. */
export class AccessService {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly userInfo: UserInfoService,
    private readonly auth: AuthService,
  ) {}

  /** The caller, if any of `required` is granted; NotAllowedError naming the permission otherwise. */
  async authorize(credentials: BackstageCredentials, ...required: BasicPermission[]): Promise<Caller> {
    const decisions = await this.permissions.authorize(
      ALL.map(permission => ({ permission })),
      { credentials },
    );
    const granted = new Set(
      ALL.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW).map(p => p.name),
    );
    let caller: Caller;
    if (this.auth.isPrincipal(credentials, 'user')) {
      const info = await this.userInfo.getUserInfo(credentials);
      const groups = info.ownershipEntityRefs
        .map(ref => ref.toLocaleLowerCase('en-US'))
        .filter(ref => ref.startsWith('group:'));
      caller = new Caller(credentials, info.userEntityRef.toLocaleLowerCase('en-US'), 'user', groups, granted);
    } else if (this.auth.isPrincipal(credentials, 'service')) {
      // Backstage's permission client allows a service principal everything, without asking the
      // policy: a service is never an admin here and may only file requests (through the intake,
      // whose router names the services it accepts).
      const subject = credentials.principal.subject;
      const serviceGranted = new Set(
        granted.has(servicedeskRequestCreatePermission.name) ? [servicedeskRequestCreatePermission.name] : [],
      );
      caller = new Caller(credentials, subject.includes(':') ? subject : `service:${subject}`, 'service', [], serviceGranted);
    } else {
      throw new NotAllowedError('Sign in first');
    }
    if (required.length > 0 && !required.some(p => caller.has(p))) {
      throw new NotAllowedError(`You need the ${required.map(p => p.name).join(' or ')} permission`);
    }
    return caller;
  }
}
