import type { AuthService, PermissionsService, UserInfoService } from '@backstage/backend-plugin-api';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import { PermissionedCaller, PermissionedCallers } from '@portico/portico-node';
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
 * A service-desk caller. A user has groups (their teams); a service caller (another plugin, or
 * an outside system with a static token: the seed's form trigger) has none and acts only through
 * the intake endpoint. The admin permission implies every other.
 */
export class Caller extends PermissionedCaller {
  get isAdmin(): boolean {
    return this.granted.has(servicedeskAdminPermission.name);
  }

  has(permission: BasicPermission): boolean {
    return this.isAdmin || super.has(permission);
  }

  /** An agent of `team`: the work permission and membership (portal admins: every team). */
  worksFor(team: string): boolean {
    return this.isAdmin || (this.has(servicedeskRequestWorkPermission) && this.isMemberOf(team));
  }
}

/** Turns credentials into a Caller, with the service desk's permissions decided in one policy round trip. */
export class AccessService extends PermissionedCallers<Caller> {
  constructor(permissions: PermissionsService, userInfo: UserInfoService, auth: AuthService) {
    super({
      permissions,
      userInfo,
      auth,
      pluginPermissions: ALL,
      createCaller: init => new Caller(init),
      // Backstage's permission client allows a service principal everything, without asking the
      // policy: a service is never an admin here and may only file requests (through the intake,
      // whose router names the services it accepts).
      serviceGrants: granted =>
        new Set(granted.has(servicedeskRequestCreatePermission.name) ? [servicedeskRequestCreatePermission.name] : []),
    });
  }
}
