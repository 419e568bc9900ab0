import { createHash } from 'crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ENVIRONMENTS,
  PLANS_ANNOTATION,
  readPlans,
} from '@portico/plugin-apim-common';
import type {
  ApimDatabase,
  ApiProjection,
  ApiSnapshot,
} from '../../database/ApimStore';
import { EventPublisher, SYSTEM_ACTOR } from '../events';
import { ownerOf, refOf, systemOf } from '../refs';
import type { DefinitionCache } from './DefinitionCache';

/** APIs per catalog page; also the most definitions held in memory at once. */
const PAGE_SIZE = 100;
/** What the sync reads of every API on every run: enough to tell whether it changed. */
const PAGE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.etag',
];
/** What it reads of a changed API. */
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.etag',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'spec.definition',
  'relations',
];

export interface ChangeCounts {
  created: number;
  updated: number;
  deleted: number;
}

/**
 * Keeps the projection of the catalog's API entities (`apim_api_snapshots`, what the API pages
 * list and filter) and publishes `api-created`, `api-updated` and `api-deleted` in the same
 * transaction as the row that changes.
 *
 * Paged and incremental: each run pages through the catalog's APIs reading only ref and etag,
 * fetches in full only the entities whose etag moved, parses only their definitions (one page
 * of them in memory at a time), then sweeps the projection for refs the catalog no longer has
 * (only after a complete pass: a failed read never counts as deletions).
 *
 * Why a diff against our own snapshot, run by a scheduled task: the catalog offers plugins no
 * reliable change feed. Its `catalog.entity.*` events are not emitted for every change (entity
 * providers and processing update rows silently), are in-process and best effort (a restart
 * or a failing subscriber loses them). Comparing what the catalog holds now with the snapshot
 * table is idempotent (running it twice publishes nothing new), survives restarts (the
 * snapshot is in our database) and never loses a change: a change is seen on the next run
 * whenever it happened. The snapshot and the events are written in one transaction, so an
 * event is published exactly when the snapshot moves.
 *
 * What counts as a change is what subscribers care about: the definition, the plans
 * annotation and the owner (the hash covers these three).
 *
 * The first run, on an empty snapshot, publishes `api-created` for every API in the catalog:
 * downstream systems (a gateway) then learn the full set once.
 */
export class ApiChangeDetector {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      db: ApimDatabase;
      events: EventPublisher;
      definitions: DefinitionCache;
      logger: LoggerService;
      clock?: () => number;
    },
  ) {}

  async run(): Promise<ChangeCounts> {
    const { catalog, db } = this.options;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const counts: ChangeCounts = { created: 0, updated: 0, deleted: 0 };
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: { kind: 'API' },
              fields: PAGE_FIELDS,
              limit: PAGE_SIZE,
              orderFields: { field: 'metadata.name', order: 'asc' },
            },
        { credentials },
      );
      const refs = page.items.map(refOf);
      refs.forEach(ref => seen.add(ref));
      const known = await db.apiSnapshots.etags(refs);
      const changed = page.items
        .filter(entity => {
          const ref = refOf(entity);
          // No etag (a catalog that does not give one): read again, the hash decides.
          return (
            !known.has(ref) ||
            !entity.metadata.etag ||
            known.get(ref) !== entity.metadata.etag
          );
        })
        .map(refOf);
      if (changed.length) {
        const { items } = await catalog.getEntitiesByRefs(
          { entityRefs: changed, fields: FIELDS },
          { credentials },
        );
        const projections: ApiProjection[] = [];
        for (const entity of items) {
          if (entity) projections.push(await this.projectionOf(entity));
        }
        const outcome = await this.applyPage(projections);
        counts.created += outcome.created;
        counts.updated += outcome.updated;
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);

    counts.deleted = await this.sweep(seen);
    if (counts.created || counts.updated || counts.deleted) {
      this.options.logger.info(
        `API changes from the catalog: ${counts.created} created, ${counts.updated} updated, ${counts.deleted} deleted`,
      );
    }
    return counts;
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /**
   * Writes a page of changed APIs and, for those whose hash moved, their events, in one
   * transaction with a few multi-row statements: row by row, a first sync at company size
   * spent most of its time in per-row transactions.
   */
  private async applyPage(
    projections: ApiProjection[],
  ): Promise<Omit<ChangeCounts, 'deleted'>> {
    if (projections.length === 0) return { created: 0, updated: 0 };
    return this.options.db.transaction(async tx => {
      const before = await tx.apiSnapshots.snapshots(
        projections.map(p => p.ref),
      );
      await tx.apiSnapshots.upsertMany(projections, this.now());
      const changed = projections.filter(
        p => before.get(p.ref)?.hash !== p.hash,
      );
      await this.options.events.publish(
        tx.trx,
        ...changed.map(projection => {
          const type = before.has(projection.ref)
            ? 'api-updated'
            : 'api-created';
          return {
            topic: type,
            type,
            actor: SYSTEM_ACTOR,
            subject: projection.ref,
            ...tenantOf(projection),
            data: projection.data,
          };
        }),
      );
      const created = changed.filter(p => !before.has(p.ref)).length;
      return { created, updated: changed.length - created };
    });
  }

  /** Deletes the rows of APIs the catalog no longer has, each with its api-deleted. */
  private async sweep(seen: Set<string>): Promise<number> {
    let deleted = 0;
    let after: string | undefined;
    for (;;) {
      const refs = await this.options.db.apiSnapshots.refsAfter(after, 500);
      if (refs.length === 0) return deleted;
      after = refs[refs.length - 1];
      const gone = refs.filter(ref => !seen.has(ref));
      if (gone.length === 0) continue;
      deleted += await this.options.db.transaction(async tx => {
        const before = await tx.apiSnapshots.snapshots(gone);
        const refsToDelete = gone.filter(ref => before.has(ref));
        await tx.apiSnapshots.deleteMany(refsToDelete);
        await this.options.events.publish(
          tx.trx,
          ...refsToDelete.map(ref => ({
            topic: 'api-deleted',
            type: 'api-deleted',
            actor: SYSTEM_ACTOR,
            subject: ref,
            ...tenantOf(before.get(ref)!),
            data: before.get(ref)!.data,
          })),
        );
        return refsToDelete.length;
      });
    }
  }

  private async projectionOf(entity: Entity): Promise<ApiProjection> {
    const ref = refOf(entity);
    const definitionText =
      typeof entity.spec?.definition === 'string' ? entity.spec.definition : '';
    const plansText = entity.metadata.annotations?.[PLANS_ANNOTATION] ?? '';
    const owner = ownerOf(entity);
    const hash = createHash('sha256')
      .update(JSON.stringify([definitionText, plansText, owner ?? '']))
      .digest('hex');
    const type =
      typeof entity.spec?.type === 'string' ? entity.spec.type : undefined;
    const definition = await this.options.definitions.parse(
      type,
      definitionText,
    );
    const system = systemOf(entity);
    const tenant = entity.metadata.annotations?.['portico.io/tenant'];
    const plans = readPlans(entity.metadata.annotations);
    const lifecycle =
      typeof entity.spec?.lifecycle === 'string'
        ? entity.spec.lifecycle
        : undefined;
    const data: Record<string, unknown> = {
      apiRef: ref,
      title: entity.metadata.title ?? entity.metadata.name,
      apiType: type ?? 'unknown',
      lifecycle: lifecycle ?? 'unknown',
      owner: owner ?? 'unknown',
      ...(definition.version ? { version: definition.version } : {}),
      ...(system ? { system } : {}),
      plans: plans.plans.map(plan => plan.name),
      ...(tenant ? { tenant } : {}),
    };
    const declared = new Set(
      definition.servers.map(server => server.environment),
    );
    const text = (value: unknown) =>
      typeof value === 'string' && value ? value : undefined;
    return {
      ref,
      hash,
      data,
      plans: plans.plans,
      etag: entity.metadata.etag,
      name: entity.metadata.name,
      title: text(entity.metadata.title),
      description: text(entity.metadata.description),
      owner,
      system,
      lifecycle: text(lifecycle),
      type: text(type),
      tags: (entity.metadata.tags ?? []).map(tag => String(tag)),
      version: definition.version,
      environments: ENVIRONMENTS.filter(env => declared.has(env)),
      plansError: plans.error,
      definitionError: definition.error,
      detail: {
        definitionType: text(type),
        servers: definition.servers,
        operations: definition.operations,
        apiKey: definition.apiKey,
      },
    };
  }
}

function tenantOf(snapshot: Pick<ApiSnapshot, 'data'>): { tenant?: string } {
  const tenant = snapshot.data.tenant;
  return typeof tenant === 'string' && /^[a-z0-9-]{1,63}$/.test(tenant)
    ? { tenant }
    : {};
}
