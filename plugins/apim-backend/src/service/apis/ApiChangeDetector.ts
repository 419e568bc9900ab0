import { createHash } from 'crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { PLANS_ANNOTATION, readPlans } from '@portico/plugin-apim-common';
import type { ApimDatabase, ApiSnapshot } from '../../database/ApimStore';
import { EventPublisher, SYSTEM_ACTOR } from '../events';
import { ownerOf, refOf, systemOf } from '../refs';
import type { DefinitionCache } from './DefinitionCache';

const PAGE_SIZE = 200;
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
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
 * Publishes `api-created`, `api-updated` and `api-deleted` for the catalog's API entities.
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
    },
  ) {}

  async run(): Promise<ChangeCounts> {
    // A failed read throws before anything is compared: a partial catalog is never taken
    // for deletions.
    const current = await this.readCatalog();
    return this.options.db.transaction(async tx => {
      const previous = new Map((await tx.apiSnapshots.all()).map(s => [s.ref, s]));
      const counts: ChangeCounts = { created: 0, updated: 0, deleted: 0 };
      const now = Date.now();
      // In ref order, so that a run publishes in a predictable order.
      const byRef = [...current.values()].sort((a, b) => a.ref.localeCompare(b.ref));
      for (const snapshot of byRef) {
        const before = previous.get(snapshot.ref);
        if (before && before.hash === snapshot.hash) continue;
        await tx.apiSnapshots.upsert(snapshot, now);
        const type = before ? 'api-updated' : 'api-created';
        await this.options.events.publish(tx.trx, {
          topic: type,
          type,
          actor: SYSTEM_ACTOR,
          subject: snapshot.ref,
          ...tenantOf(snapshot),
          data: snapshot.data,
        });
        counts[before ? 'updated' : 'created']++;
      }
      for (const before of [...previous.values()].sort((a, b) => a.ref.localeCompare(b.ref))) {
        if (current.has(before.ref)) continue;
        await tx.apiSnapshots.delete(before.ref);
        await this.options.events.publish(tx.trx, {
          topic: 'api-deleted',
          type: 'api-deleted',
          actor: SYSTEM_ACTOR,
          subject: before.ref,
          ...tenantOf(before),
          data: before.data,
        });
        counts.deleted++;
      }
      if (counts.created || counts.updated || counts.deleted) {
        this.options.logger.info(
          `API changes from the catalog: ${counts.created} created, ${counts.updated} updated, ${counts.deleted} deleted`,
        );
      }
      return counts;
    });
  }

  private async readCatalog(): Promise<Map<string, ApiSnapshot>> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const result = new Map<string, ApiSnapshot>();
    let cursor: string | undefined;
    do {
      const page = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : { filter: { kind: 'API' }, fields: FIELDS, limit: PAGE_SIZE },
        { credentials },
      );
      for (const entity of page.items) {
        const snapshot = await this.snapshotOf(entity);
        result.set(snapshot.ref, snapshot);
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return result;
  }

  private async snapshotOf(entity: Entity): Promise<ApiSnapshot> {
    const ref = refOf(entity);
    const definitionText =
      typeof entity.spec?.definition === 'string' ? entity.spec.definition : '';
    const plansText = entity.metadata.annotations?.[PLANS_ANNOTATION] ?? '';
    const owner = ownerOf(entity);
    const hash = createHash('sha256')
      .update(JSON.stringify([definitionText, plansText, owner ?? '']))
      .digest('hex');
    const type = typeof entity.spec?.type === 'string' ? entity.spec.type : undefined;
    const definition = await this.options.definitions.parse(type, definitionText);
    const system = systemOf(entity);
    const tenant = entity.metadata.annotations?.['portico.io/tenant'];
    const data: Record<string, unknown> = {
      apiRef: ref,
      title: entity.metadata.title ?? entity.metadata.name,
      apiType: type ?? 'unknown',
      lifecycle: typeof entity.spec?.lifecycle === 'string' ? entity.spec.lifecycle : 'unknown',
      owner: owner ?? 'unknown',
      ...(definition.version ? { version: definition.version } : {}),
      ...(system ? { system } : {}),
      plans: readPlans(entity.metadata.annotations).plans.map(plan => plan.name),
      ...(tenant ? { tenant } : {}),
    };
    return { ref, hash, data, plans: readPlans(entity.metadata.annotations).plans };
  }
}

function tenantOf(snapshot: ApiSnapshot): { tenant?: string } {
  const tenant = snapshot.data.tenant;
  return typeof tenant === 'string' && /^[a-z0-9-]{1,63}$/.test(tenant) ? { tenant } : {};
}
