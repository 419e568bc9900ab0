import type { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, RELATION_HAS_MEMBER, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { TeamView } from '@portico/plugin-servicedesk-common';

export interface Person {
  ref: string;
  email?: string;
  displayName?: string;
}

/** Teams and people from the catalog: group members (hasMember), users by e-mail. */
export interface TeamDirectory {
  team(groupRef: string): Promise<TeamView | undefined>;
  person(userRef: string): Promise<Person | undefined>;
  personByEmail(email: string): Promise<Person | undefined>;
}

/** Reads the catalog as the service desk itself: team membership is not the caller's to hide. */
export class CatalogTeamDirectory implements TeamDirectory {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  private async credentials() {
    return { credentials: await this.auth.getOwnServiceCredentials() };
  }

  async team(groupRef: string): Promise<TeamView | undefined> {
    const entity = await this.catalog.getEntityByRef(groupRef, await this.credentials());
    if (!entity) return undefined;
    const members = (entity.relations ?? [])
      .filter(r => r.type === RELATION_HAS_MEMBER)
      .map(r => r.targetRef.toLocaleLowerCase('en-US'))
      .sort();
    return {
      ref: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      title: (entity.metadata.title as string | undefined) ?? entity.metadata.name,
      members,
    };
  }

  async person(userRef: string): Promise<Person | undefined> {
    const entity = await this.catalog.getEntityByRef(userRef, await this.credentials());
    if (!entity) return undefined;
    const profile = (entity.spec as { profile?: { email?: string; displayName?: string } } | undefined)?.profile;
    return { ref: stringifyEntityRef(entity).toLocaleLowerCase('en-US'), email: profile?.email, displayName: profile?.displayName };
  }

  async personByEmail(email: string): Promise<Person | undefined> {
    const { items } = await this.catalog.getEntities(
      { filter: { kind: 'user', 'spec.profile.email': email } },
      await this.credentials(),
    );
    const entity = items[0];
    if (!entity) return undefined;
    const profile = (entity.spec as { profile?: { email?: string; displayName?: string } }).profile;
    return { ref: stringifyEntityRef(entity).toLocaleLowerCase('en-US'), email: profile?.email, displayName: profile?.displayName };
  }
}

/** `group:default/x` from `x` or `group:x`. */
export function normalizeGroupRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group', defaultNamespace: 'default' })).toLocaleLowerCase('en-US');
}

export function normalizeUserRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'user', defaultNamespace: 'default' })).toLocaleLowerCase('en-US');
}
