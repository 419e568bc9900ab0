import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { BackstageCredentials, PermissionsService, UserInfoService } from '@backstage/backend-plugin-api';
import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { PermissionedCaller, PermissionedCallers } from './permissionedCallers';

const read = createPermission({ name: 'x.read', attributes: { action: 'read' } });
const create = createPermission({ name: 'x.create', attributes: { action: 'create' } });
const admin = createPermission({ name: 'x.admin', attributes: {} });
const ALL = [read, create, admin];

/** A policy: alice reads; bob reads and creates; services get everything (as Backstage's client does). */
const GRANTS: Record<string, string[]> = {
  'user:default/alice': ['x.read'],
  'user:default/bob': ['x.read', 'x.create'],
  'user:default/judy': ['x.admin'],
};

function services() {
  const asked: string[][] = [];
  const permissions = {
    authorize: async (requests: Array<{ permission: { name: string } }>, { credentials }: { credentials: BackstageCredentials }) => {
      asked.push(requests.map(r => r.permission.name));
      const principal = credentials.principal as { type: string; userEntityRef?: string };
      return requests.map(r => ({
        result:
          principal.type === 'service' || GRANTS[principal.userEntityRef ?? '']?.includes(r.permission.name)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
  } as unknown as PermissionsService;
  const userInfo = {
    getUserInfo: async (credentials: BackstageCredentials) => {
      const ref = (credentials.principal as { userEntityRef: string }).userEntityRef;
      return { userEntityRef: ref.replace('alice', 'Alice'), ownershipEntityRefs: [ref, 'group:default/Payments-Team'] };
    },
  } as unknown as UserInfoService;
  return { permissions, userInfo, auth: mockServices.auth(), asked };
}

/** What a plugin does with it: an admin permission that implies the others. */
class AdminCaller extends PermissionedCaller {
  has(permission: { name: string }): boolean {
    return this.granted.has(admin.name) || super.has(permission as any);
  }
}

describe('PermissionedCallers', () => {
  it('resolves a user with lower-cased ref and groups, in one policy round trip for all permissions', async () => {
    const s = services();
    const callers = new PermissionedCallers({ ...s, pluginPermissions: ALL });
    const alice = await callers.authorize(mockCredentials.user('user:default/alice'), read);
    expect(alice).toMatchObject({ ref: 'user:default/alice', kind: 'user', groups: ['group:default/payments-team'] });
    expect(alice.has(read)).toBe(true);
    expect(alice.has(create)).toBe(false);
    expect(alice.isMemberOf('group:default/PAYMENTS-team')).toBe(true);
    expect(alice.isMemberOf(undefined)).toBe(false);
    expect(s.asked).toEqual([['x.read', 'x.create', 'x.admin']]);
  });

  it('refuses naming the permission when none of the required ones is granted; any of them suffices', async () => {
    const callers = new PermissionedCallers({ ...services(), pluginPermissions: ALL });
    await expect(callers.authorize(mockCredentials.user('user:default/alice'), create)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'You need the x.create permission',
    });
    await expect(callers.authorize(mockCredentials.user('user:default/alice'), create, read)).resolves.toBeDefined();
    await expect(callers.authorize(mockCredentials.none())).rejects.toMatchObject({ name: 'NotAllowedError', message: 'Sign in first' });
  });

  it('builds the plugin caller class, so its own rules (admin implies all) decide', async () => {
    const callers = new PermissionedCallers({ ...services(), pluginPermissions: ALL, createCaller: init => new AdminCaller(init) });
    const judy = await callers.authorize(mockCredentials.user('user:default/judy'), create);
    expect(judy).toBeInstanceOf(AdminCaller);
    expect(judy.has(read)).toBe(true);
  });

  it('gives a service no groups, a prefixed ref, and only what serviceGrants keeps', async () => {
    const narrowed = new PermissionedCallers({
      ...services(),
      pluginPermissions: ALL,
      serviceGrants: granted => new Set([...granted].filter(name => name === create.name)),
    });
    const forms = await narrowed.authorize(mockCredentials.service('forms'), create);
    expect(forms).toMatchObject({ ref: 'service:forms', kind: 'service', groups: [] });
    expect(forms.has(read)).toBe(false);
    await expect(narrowed.authorize(mockCredentials.service('plugin:catalog'), admin)).rejects.toMatchObject({ name: 'NotAllowedError' });

    const plain = new PermissionedCallers({ ...services(), pluginPermissions: ALL });
    const plugin = await plain.authorize(mockCredentials.service('plugin:catalog'), admin);
    expect(plugin.ref).toBe('plugin:catalog');
  });
});
