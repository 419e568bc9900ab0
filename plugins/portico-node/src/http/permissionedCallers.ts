import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';

/** What a resolved caller is made of. */
export interface CallerInit {
  credentials: BackstageCredentials;
  /** `user:default/alice`, or `plugin:xyz` / `service:<subject>` for services. Lower-cased. */
  ref: string;
  kind: 'user' | 'service';
  /** The user's groups (`group:<ns>/<name>`, lower-cased); none for a service. */
  groups: string[];
  /** Names of the plugin's permissions the policy allowed. */
  granted: ReadonlySet<string>;
}

/**
 * Who calls, with what the policy granted them. A plugin subclasses it for its own rules
 * (an admin permission that implies the others, "member of the owner team or on-call").
 */
export class PermissionedCaller {
  readonly credentials: BackstageCredentials;
  readonly ref: string;
  readonly kind: 'user' | 'service';
  protected readonly granted: ReadonlySet<string>;
  private readonly groupSet: ReadonlySet<string>;

  constructor(init: CallerInit) {
    this.credentials = init.credentials;
    this.ref = init.ref;
    this.kind = init.kind;
    this.granted = init.granted;
    this.groupSet = new Set(init.groups);
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
}

export interface PermissionedCallersOptions<C extends PermissionedCaller> {
  permissions: PermissionsService;
  userInfo: UserInfoService;
  auth: AuthService;
  /** Every permission of the plugin: all decided in one policy round trip per request. */
  pluginPermissions: readonly BasicPermission[];
  /** Builds the plugin's caller class; `new PermissionedCaller(init)` when absent. */
  createCaller?: (init: CallerInit) => C;
  /**
   * What a service caller keeps of the decisions. Backstage's permission client allows a service
   * principal everything without asking the policy, so a plugin whose services may do only one
   * thing narrows it here (servicedesk: only filing requests). Default: the decisions as they are.
   */
  serviceGrants?: (granted: ReadonlySet<string>) => ReadonlySet<string>;
}

/**
 * Turns credentials into a caller, in one policy round trip: user (with their groups from
 * `ownershipEntityRefs`) or service, and the plugin's permissions the policy granted.
 *
 * ```ts
 * const access = new PermissionedCallers({ permissions, userInfo, auth, pluginPermissions: monitoringPermissions,
 *   createCaller: init => new MonitoringCaller(init) });
 * const caller = await access.authorize(await httpAuth.credentials(req, { allow: ['user'] }), readPermission);
 * ```
 */
export class PermissionedCallers<C extends PermissionedCaller = PermissionedCaller> {
  constructor(private readonly options: PermissionedCallersOptions<C>) {}

  /** The caller, if any of `required` is granted (none required: any caller); NotAllowedError naming the permission otherwise. */
  async authorize(credentials: BackstageCredentials, ...required: BasicPermission[]): Promise<C> {
    const { permissions, userInfo, auth, pluginPermissions } = this.options;
    const decisions = await permissions.authorize(
      pluginPermissions.map(permission => ({ permission })),
      { credentials },
    );
    const granted = new Set(
      pluginPermissions.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW).map(p => p.name),
    );
    let init: CallerInit;
    if (auth.isPrincipal(credentials, 'user')) {
      const info = await userInfo.getUserInfo(credentials);
      const groups = info.ownershipEntityRefs
        .map(ref => ref.toLocaleLowerCase('en-US'))
        .filter(ref => ref.startsWith('group:'));
      init = { credentials, ref: info.userEntityRef.toLocaleLowerCase('en-US'), kind: 'user', groups, granted };
    } else if (auth.isPrincipal(credentials, 'service')) {
      const subject = credentials.principal.subject;
      init = {
        credentials,
        ref: subject.includes(':') ? subject : `service:${subject}`,
        kind: 'service',
        groups: [],
        granted: this.options.serviceGrants?.(granted) ?? granted,
      };
    } else {
      throw new NotAllowedError('Sign in first');
    }
    const caller = this.options.createCaller?.(init) ?? (new PermissionedCaller(init) as C);
    if (required.length > 0 && !required.some(p => caller.has(p))) {
      throw new NotAllowedError(`You need the ${required.map(p => p.name).join(' or ')} permission`);
    }
    return caller;
  }
}
