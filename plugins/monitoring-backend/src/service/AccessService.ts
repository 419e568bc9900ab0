import type { AuthService, PermissionsService, UserInfoService } from '@backstage/backend-plugin-api';
import { PermissionedCaller, PermissionedCallers } from '@portico/portico-node';
import { monitoringAlertManagePermission, monitoringPermissions } from '@portico/plugin-monitoring-common';

/** A monitoring caller: the shared caller plus the ack rule. */
export class Caller extends PermissionedCaller {
  /** The ack rule: on-call (`monitoring.alert.manage`) or the component's owner team. */
  mayAcknowledge(ownerRef: string | undefined): boolean {
    return this.has(monitoringAlertManagePermission) || this.isMemberOf(ownerRef);
  }
}

export type AccessService = PermissionedCallers<Caller>;

/** Credentials → Caller with monitoring's permissions decided in one policy round trip. */
export function createAccessService(deps: { permissions: PermissionsService; userInfo: UserInfoService; auth: AuthService }): AccessService {
  return new PermissionedCallers({
    ...deps,
    pluginPermissions: monitoringPermissions,
    createCaller: init => new Caller(init),
  });
}
