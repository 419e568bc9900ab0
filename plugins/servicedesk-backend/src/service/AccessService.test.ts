import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  servicedeskRequestCreatePermission,
  servicedeskRequestWorkPermission,
} from '@portico/plugin-servicedesk-common';
import { AccessService } from './AccessService';

describe('AccessService', () => {
  it('never makes a service caller an admin, though the permission client allows services everything', async () => {
    // What Backstage's ServerPermissionClient answers for any service principal.
    const permissions = mockServices.permissions.mock({
      authorize: async requests => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    });
    const access = new AccessService(permissions, mockServices.userInfo(), mockServices.auth());
    const caller = await access.authorize(mockCredentials.service('external:forms'));
    expect(caller.kind).toBe('service');
    expect(caller.ref).toBe('external:forms');
    expect(caller.isAdmin).toBe(false);
    expect(caller.has(servicedeskRequestCreatePermission)).toBe(true);
    expect(caller.has(servicedeskRequestWorkPermission)).toBe(false);
    expect(caller.worksFor('group:default/servicedesk-agents')).toBe(false);
    await expect(access.authorize(mockCredentials.service('external:forms'), servicedeskRequestWorkPermission)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });
});
