import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { UserInfoService } from '@backstage/backend-plugin-api';
import { PorticoPermissionPolicy } from './PorticoPermissionPolicy';
import { readRbacRules } from './rbacConfig';

// The same mapping as app-config.yaml, so these tests describe the demo roles.
const rbac = {
  signedInUsers: ['apim.api.read', 'promotions.request.read'],
  roles: [
    { group: 'portal-admins', allow: ['*'] },
    { group: 'cpi-admin', allow: ['promotions.request.create', 'promotions.request.approve'] },
    { group: 'cpi-tenant-acme', allow: ['promotions.request.create', 'promotions.request.approve'] },
    { group: 'devops-acme', allow: ['promotions.request.create', 'apim.subscription.create'] },
    { group: 'group:default/security', allow: ['security.*'] },
    { group: 'sre', allow: ['monitoring.*'] },
    { group: 'servicedesk-agents', allow: ['servicedesk.*'] },
  ],
  restrictedBackstagePermissions: ['catalog.entity.delete'],
};

function policyFor(groupsByUser: Record<string, string[]>) {
  const userInfo: UserInfoService = {
    async getUserInfo(credentials) {
      const principal = credentials.principal as { userEntityRef: string };
      const groups = groupsByUser[principal.userEntityRef] ?? [];
      return {
        userEntityRef: principal.userEntityRef,
        ownershipEntityRefs: [principal.userEntityRef, ...groups.map(g => `group:default/${g}`)],
      };
    },
  };
  return new PorticoPermissionPolicy(
    readRbacRules(new ConfigReader({ portico: { rbac } })),
    userInfo,
    mockServices.logger.mock(),
  );
}

const people: Record<string, string[]> = {
  'user:default/alice': ['devops-acme', 'payments-team'],
  'user:default/bob': ['cpi-tenant-acme'],
  'user:default/carol': ['cpi-admin', 'portal-admins'],
  'user:default/frank': ['security'],
  'user:default/grace': ['sre'],
  'user:default/heidi': ['servicedesk-agents'],
  'user:default/nobody': [],
};

async function decide(user: string | undefined, name: string) {
  const policy = policyFor(people);
  const decision = await policy.handle(
    { permission: { type: 'basic', name, attributes: {} } },
    user
      ? {
          credentials: mockCredentials.user(user),
          info: { userEntityRef: user, ownershipEntityRefs: [] },
        }
      : undefined,
  );
  return decision.result === AuthorizeResult.ALLOW ? 'ALLOW' : 'DENY';
}

describe('PorticoPermissionPolicy', () => {
  it.each([
    // role, permission, expected
    ['alice', 'promotions.request.create', 'ALLOW'],
    ['alice', 'promotions.request.approve', 'DENY'],
    ['alice', 'apim.subscription.create', 'ALLOW'],
    ['alice', 'security.finding.triage', 'DENY'],
    ['bob', 'promotions.request.approve', 'ALLOW'],
    ['bob', 'apim.subscription.create', 'DENY'],
    ['carol', 'promotions.request.approve', 'ALLOW'],
    ['carol', 'portico.events.read', 'ALLOW'],
    ['frank', 'security.finding.triage', 'ALLOW'],
    ['frank', 'monitoring.alert.acknowledge', 'DENY'],
    ['grace', 'monitoring.alert.acknowledge', 'ALLOW'],
    ['grace', 'servicedesk.ticket.assign', 'DENY'],
    ['heidi', 'servicedesk.ticket.assign', 'ALLOW'],
    ['heidi', 'portico.events.read', 'DENY'],
    ['nobody', 'apim.api.read', 'ALLOW'],
    ['nobody', 'promotions.request.read', 'ALLOW'],
    ['nobody', 'promotions.request.create', 'DENY'],
  ])('%s asking for %s gets %s', async (name, permission, expected) => {
    await expect(decide(`user:default/${name}`, permission)).resolves.toBe(expected);
  });

  it('denies every Portico permission when no role grants it (deny by default)', async () => {
    await expect(decide('user:default/nobody', 'apim.application.delete')).resolves.toBe('DENY');
    await expect(decide('user:default/nobody', 'portico.anything.at-all')).resolves.toBe('DENY');
  });

  it('keeps Backstage permissions allowed, except those config restricts to roles', async () => {
    await expect(decide('user:default/nobody', 'catalog.location.read')).resolves.toBe('ALLOW');
    await expect(decide('user:default/nobody', 'scaffolder.task.create')).resolves.toBe('ALLOW');
    await expect(decide('user:default/alice', 'catalog.entity.delete')).resolves.toBe('DENY');
    await expect(decide('user:default/carol', 'catalog.entity.delete')).resolves.toBe('ALLOW');
  });

  it('denies Portico permissions to callers that are not users', async () => {
    await expect(decide(undefined, 'promotions.request.read')).resolves.toBe('DENY');
    await expect(decide(undefined, 'catalog.entity.read')).resolves.toBe('ALLOW');
  });

  it('matches prefixes on segment boundaries only', async () => {
    // 'security.*' must not grant an area that merely starts with the same letters.
    const policy = new PorticoPermissionPolicy(
      readRbacRules(
        new ConfigReader({
          portico: {
            rbac: {
              areas: ['security', 'securityx'],
              roles: [{ group: 'security', allow: ['security.*'] }],
            },
          },
        }),
      ),
      {
        getUserInfo: async () => ({
          userEntityRef: 'user:default/frank',
          ownershipEntityRefs: ['group:default/security'],
        }),
      },
      mockServices.logger.mock(),
    );
    const ask = (name: string) =>
      policy.handle(
        { permission: { type: 'basic', name, attributes: {} } },
        {
          credentials: mockCredentials.user('user:default/frank'),
          info: { userEntityRef: 'user:default/frank', ownershipEntityRefs: [] },
        },
      );
    await expect(ask('security.finding.read')).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(ask('securityx.finding.read')).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});

describe('templates that act with a plugin\'s authority', () => {
  it('hides entities annotated portico.io/runnable-by from every user, admins included', async () => {
    const policy = policyFor(people);
    for (const user of ['user:default/alice', 'user:default/carol']) {
      const decision = await policy.handle(
        { permission: { type: 'resource', resourceType: 'catalog-entity', name: 'catalog.entity.read', attributes: { action: 'read' } } },
        { credentials: mockCredentials.user(user), info: { userEntityRef: user, ownershipEntityRefs: [] } },
      );
      // What createCatalogConditionalDecision(catalogEntityReadPermission, not(hasAnnotation(...))) gives:
      // the catalog filters the entities in its query, and the scaffolder, reading the template as
      // the user, finds none (a service principal, the plugin, is not asked about and reads it).
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          not: { rule: 'HAS_ANNOTATION', resourceType: 'catalog-entity', params: { annotation: 'portico.io/runnable-by' } },
        },
      });
    }
  });
});
