import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  normalizeGroupRef,
  summarizeViolations,
  TagViolation,
  validateLifecycleTags,
} from '@portico/plugin-lifecycle-common';
import type { PorticoEvents } from '@portico/portico-node';
import type { LifecycleDatabase, ProjectedFields, ResourceRecord } from '../database/LifecycleStore';
import type { Clock } from './clock';
import { expiryOf } from './guardrails';

export const LIFECYCLE_ACTOR = 'plugin:lifecycle';
const PAGE = 200;

/** What the lifecycle keeps of a Resource entity. */
export function project(entity: Entity): ProjectedFields {
  const specOwner = typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
  const { tags, violations } = validateLifecycleTags(entity.metadata.annotations, specOwner);
  return {
    etag: entity.metadata.etag,
    title: entity.metadata.title,
    type: typeof entity.spec?.type === 'string' ? entity.spec.type : undefined,
    owner: tags.owner ?? (specOwner ? normalizeGroupRef(specOwner) : undefined),
    project: tags.project,
    costCenter: tags.costCenter,
    environment: tags.environment,
    dataClass: tags.dataClass,
    autoTeardown: tags.autoTeardown,
    ttlMs: tags.ttlMs,
    createdAt: tags.createdAt,
    violations,
  };
}

const sameViolations = (a: TagViolation[], b: TagViolation[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Keeps the lifecycle_resources projection in step with the catalog's Resources: pages of refs and
 * etags, then only the changed entities are read in full. Violations and first sightings become
 * events in the same transaction as the row. Runs as a scheduled task, never on a request.
 */
export class ResourceSync {
  constructor(
    private readonly options: {
      db: LifecycleDatabase;
      catalog: CatalogService;
      auth: AuthService;
      events: PorticoEvents;
      clock: Clock;
      logger: LoggerService;
    },
  ) {}

  async runOnce(): Promise<{ seen: number; changed: number; removed: number }> {
    const { catalog, auth, db, clock } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const passStart = clock.now();
    let cursor: string | undefined;
    let seen = 0;
    let changed = 0;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE }
          : {
              filter: { kind: 'Resource' },
              fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.etag'],
              orderFields: { field: 'metadata.name', order: 'asc' },
              limit: PAGE,
            },
        { credentials },
      );
      const refs = page.items.map(e => stringifyEntityRef(e).toLowerCase());
      const known = await db.resources.etags(refs);
      const changedRefs = page.items
        .filter((e, i) => !known.has(refs[i]) || known.get(refs[i]) !== e.metadata.etag)
        .map(e => stringifyEntityRef(e));
      await db.resources.markSeen(refs.filter(r => known.has(r)), passStart);
      if (changedRefs.length) {
        const { items } = await catalog.getEntitiesByRefs({ entityRefs: changedRefs }, { credentials });
        for (const entity of items) {
          if (entity) {
            await this.apply(entity, passStart);
            changed++;
          }
        }
      }
      seen += page.items.length;
      cursor = page.pageInfo.nextCursor;
    } while (cursor);

    const removed = await this.markRemoved(passStart);
    return { seen, changed, removed };
  }

  private async apply(entity: Entity, passStart: number) {
    const entityRef = stringifyEntityRef(entity).toLowerCase();
    const fields = project(entity);
    const now = this.options.clock.now();
    await this.options.db.transaction(async tx => {
      const existing = await tx.resources.get(entityRef);
      const events = [];
      if (!existing) {
        const record: ResourceRecord = {
          entityRef,
          ...fields,
          expiresAt: expiryOf(fields),
          extensions: 0,
          state: 'active',
          seenAt: passStart,
          updatedAt: now,
        };
        await tx.resources.insert(record);
        await tx.resources.addTimeline({ entityRef, kind: 'seen', actor: LIFECYCLE_ACTOR, message: 'Found in the catalog', at: now });
        events.push({
          topic: 'resource-created',
          type: 'resource-created',
          subject: entityRef,
          data: { entityRef, type: fields.type, owner: fields.owner, environment: fields.environment, expiresAt: record.expiresAt },
        });
      } else {
        await tx.resources.update(entityRef, {
          ...fields,
          expiresAt: expiryOf({ ...fields, extendedUntil: existing.extendedUntil }),
          state: existing.state === 'removed' ? 'active' : existing.state,
          seenAt: passStart,
          updatedAt: now,
        });
      }
      const before = existing?.violations ?? [];
      if (!sameViolations(before, fields.violations)) {
        const summary = summarizeViolations(fields.violations);
        if (fields.violations.length) {
          await tx.resources.addTimeline({ entityRef, kind: 'tag-violation', actor: LIFECYCLE_ACTOR, message: summary, at: now });
          events.push({
            topic: 'tag-violation',
            type: 'tag-violation',
            subject: entityRef,
            data: { entityRef, owner: fields.owner, violations: fields.violations },
          });
        } else {
          await tx.resources.addTimeline({ entityRef, kind: 'tag-violation-resolved', actor: LIFECYCLE_ACTOR, message: 'All mandatory tags are valid', at: now });
          events.push({ topic: 'tag-violation', type: 'tag-violation-resolved', subject: entityRef, data: { entityRef } });
        }
      }
      if (events.length) {
        await this.options.events.publish(
          tx.trx,
          ...events.map(e => ({ ...e, actor: LIFECYCLE_ACTOR })),
        );
      }
    });
  }

  private async markRemoved(passStart: number): Promise<number> {
    const { db, clock, events } = this.options;
    let removed = 0;
    for (;;) {
      const gone = await db.resources.unseenSince(passStart, 100);
      if (!gone.length) return removed;
      for (const r of gone) {
        const now = clock.now();
        await db.transaction(async tx => {
          await tx.resources.update(r.entityRef, { state: 'removed', seenAt: passStart, updatedAt: now });
          await tx.resources.addTimeline({ entityRef: r.entityRef, kind: 'removed', actor: LIFECYCLE_ACTOR, message: 'No longer in the catalog', at: now });
          await events.publish(tx.trx, {
            topic: 'resource-deleted',
            type: 'resource-removed',
            actor: LIFECYCLE_ACTOR,
            subject: r.entityRef,
            data: { entityRef: r.entityRef },
          });
        });
        removed++;
      }
    }
  }
}
