import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * A full, lowercased entity ref (`group:default/payments-team`) from what a user typed
 * (`payments-team`, `group:payments-team`...). Entity refs are case-insensitive in Backstage;
 * the database keeps one spelling so that equality works in SQL.
 */
export function normalizeRef(
  ref: string,
  kinds: string | string[],
  field: string,
  defaultNamespace = 'default',
): string {
  const allowed = [kinds].flat();
  let parsed;
  try {
    parsed = parseEntityRef(ref, { defaultKind: allowed[0], defaultNamespace });
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
  if (!allowed.includes(parsed.kind.toLocaleLowerCase('en-US'))) {
    throw new InputError(`${field}: must be a ${allowed.join(' or ')} entity ref, not a ${parsed.kind}`);
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

export function refOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

/** The owner of an entity: its ownedBy relation, else `spec.owner` read as a group ref. */
export function ownerOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** `spec.system` of an entity as a full ref. */
export function systemOf(entity: Entity): string | undefined {
  const system = entity.spec?.system;
  if (typeof system !== 'string' || !system) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}
