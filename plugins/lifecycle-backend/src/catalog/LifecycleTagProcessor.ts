import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  summarizeViolations,
  TAG_VIOLATIONS_ANNOTATION,
  validateLifecycleTags,
} from '@portico/plugin-lifecycle-common';

/**
 * Checks the mandatory lifecycle tags of every Resource and writes what is wrong on the entity, as
 * the `lifecycle.portico.io/tag-violations` annotation (shown on its page and read back by the
 * lifecycle backend's sync, which records it and publishes `tag-violation`).
 *
 * Not a processing error on purpose: the catalog keeps an entity with processing errors at its
 * previous version, and a new one out of the catalog entirely, so an untagged sandbox would vanish
 * instead of being listed under "Tag violations" for its owners to fix.
 */
export class LifecycleTagProcessor implements CatalogProcessor {
  getProcessorName() {
    return 'PorticoLifecycleTagProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (entity.kind.toLowerCase() !== 'resource') return entity;
    const annotations = { ...entity.metadata.annotations };
    delete annotations[TAG_VIOLATIONS_ANNOTATION];
    const specOwner = typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
    const { violations } = validateLifecycleTags(annotations, specOwner);
    if (violations.length) {
      annotations[TAG_VIOLATIONS_ANNOTATION] = summarizeViolations(violations).slice(0, 2000);
    }
    return { ...entity, metadata: { ...entity.metadata, annotations } };
  }
}
