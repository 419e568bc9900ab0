import { usePermission } from '@backstage/plugin-permission-react';
import {
  apimAdminPermission,
  apimApplicationManagePermission,
  apimSubscriptionCreatePermission,
  type Application,
} from '@portico/plugin-apim-common';
import { sameRef } from '../entity';
import { useMyGroups } from './useMyGroups';

export interface ApplicationAbilities {
  /** Change, delete, manage keys: its owner group's members, or portal admins. */
  canManage: boolean;
  canSubscribe: boolean;
  loading: boolean;
}

/**
 * What the signed-in user may do with an application, so that the page hides what the server
 * would refuse. The server still decides.
 */
export function useApplicationAbilities(
  application: Application | undefined,
): ApplicationAbilities {
  const { groups, loading: loadingGroups } = useMyGroups();
  const admin = usePermission({ permission: apimAdminPermission });
  const manage = usePermission({ permission: apimApplicationManagePermission });
  const subscribe = usePermission({
    permission: apimSubscriptionCreatePermission,
  });
  const member = Boolean(
    application && groups.some(group => sameRef(group, application.owner)),
  );
  return {
    canManage: admin.allowed || (member && manage.allowed),
    canSubscribe: admin.allowed || (member && subscribe.allowed),
    loading:
      loadingGroups || admin.loading || manage.loading || subscribe.loading,
  };
}
