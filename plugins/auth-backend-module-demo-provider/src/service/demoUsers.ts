import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { parseEntityRef, stringifyEntityRef, UserEntity } from '@backstage/catalog-model';

export interface DemoUser {
  name: string;
  ref: string;
  displayName: string;
  email?: string;
  picture?: string;
  groups: string[];
}

/** Lists the catalog's users for the sign-in page, with their groups (their roles). */
export async function listDemoUsers(
  catalog: CatalogService,
  auth: AuthService,
): Promise<DemoUser[]> {
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'User' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.profile', 'spec.memberOf'],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return (items as UserEntity[])
    .map(user => ({
      name: user.metadata.name,
      ref: stringifyEntityRef(user),
      displayName: user.spec?.profile?.displayName ?? user.metadata.name,
      email: user.spec?.profile?.email,
      picture: user.spec?.profile?.picture,
      groups: (user.spec?.memberOf ?? [])
        .map(group =>
          stringifyEntityRef(
            parseEntityRef(group, {
              defaultKind: 'group',
              defaultNamespace: user.metadata.namespace ?? 'default',
            }),
          ),
        )
        .sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
