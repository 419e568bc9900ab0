import {
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';

/** An entity's owners as full refs: its `ownedBy` relations, else its `spec.owner`. */
export function ownersOf(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_OWNED_BY)
    .map(relation => relation.targetRef);
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (related.length === 0 && typeof owner === 'string' && owner) {
    return [
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    ];
  }
  return related;
}

export const sameRef = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
