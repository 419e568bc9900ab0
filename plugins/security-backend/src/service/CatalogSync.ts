import { createHash, randomUUID } from 'crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  ComponentRecord,
  SecurityDatabase,
} from '../database/SecurityStore';
import type { Clock } from './clock';
import { repositoriesOf } from './imageRef';
import { SLA_ANNOTATION } from '@portico/plugin-security-common';
import {
  resolveComponentSla,
  type SlaDays,
  type SlaPolicies,
} from './slaPolicy';

export const IMAGE_ANNOTATION = 'portico.io/container-image';
export const NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

const PAGE_SIZE = 200;
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
  'metadata.labels',
  'spec.owner',
  'spec.lifecycle',
  'spec.tier',
];

/** What the projection needs to resolve a component's SLA clocks. */
export interface SlaSettings {
  slaDays: SlaDays;
  slaPolicies: SlaPolicies;
}

export interface SyncCounts {
  seen: number;
  changed: number;
  removed: number;
  relinked: number;
}

/**
 * Keeps `security_components` (components that name container images) in step with the catalog,
 * page by page: a component whose projection hash is unchanged costs one batched touch, a changed
 * one is rewritten and its images' findings are linked to it in the same transaction. Rows the
 * run did not see are removed only after every page was read, so a failed read never deletes.
 */
export class CatalogSync {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      db: SecurityDatabase;
      logger: LoggerService;
      clock: Clock;
      settings: SlaSettings;
    },
  ) {}

  async run(): Promise<SyncCounts> {
    const { db, catalog, clock } = this.options;
    const run = randomUUID();
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const counts: SyncCounts = { seen: 0, changed: 0, removed: 0, relinked: 0 };
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: {
                kind: 'Component',
                [`metadata.annotations.${IMAGE_ANNOTATION}`]:
                  CATALOG_FILTER_EXISTS,
              },
              fields: FIELDS,
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      const records = page.items.map(entity =>
        projectionOf(entity, this.options.settings),
      );
      counts.seen += records.length;
      const hashes = await db.components.hashes(records.map(r => r.entityRef));
      const unchanged = records.filter(r => hashes.get(r.entityRef) === r.hash);
      await db.components.touch(
        unchanged.map(r => r.entityRef),
        run,
      );
      for (const record of records.filter(
        r => hashes.get(r.entityRef) !== r.hash,
      )) {
        counts.relinked += await db.transaction(async tx => {
          const before = await tx.components.get(record.entityRef);
          await tx.components.upsert(record, run, clock.now());
          // New clocks apply to the component's open findings too (counted from first seen).
          const clocksBefore = JSON.stringify(
            before?.slaDays ?? this.options.settings.slaDays,
          );
          if (
            record.slaDays &&
            JSON.stringify(record.slaDays) !== clocksBefore
          ) {
            await tx.findings.recomputeDue(
              record.entityRef,
              record.slaDays,
              clock.now(),
            );
          }
          const dropped = (before?.images ?? []).filter(
            image => !record.images.includes(image),
          );
          let relinked = await tx.findings.relink(
            record.images,
            { componentRef: record.entityRef, ownerRef: record.ownerRef },
            clock.now(),
          );
          for (const image of dropped) {
            const other = await tx.components.byRepository(image);
            relinked += await tx.findings.relink(
              [image],
              { componentRef: other?.entityRef, ownerRef: other?.ownerRef },
              clock.now(),
            );
          }
          return relinked;
        });
        counts.changed++;
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);

    await db.transaction(async tx => {
      const removed = await tx.components.removeNotSeen(run);
      counts.removed = removed.length;
      for (const image of new Set(removed.flatMap(r => r.images))) {
        const other = await tx.components.byRepository(image);
        counts.relinked += await tx.findings.relink(
          [image],
          { componentRef: other?.entityRef, ownerRef: other?.ownerRef },
          clock.now(),
        );
      }
    });
    if (counts.changed || counts.removed) {
      this.options.logger.info(
        `Security components from the catalog: ${counts.seen} seen, ${counts.changed} changed, ${counts.removed} removed, ${counts.relinked} findings relinked`,
      );
    }
    return counts;
  }
}

export function projectionOf(
  entity: Entity,
  settings: SlaSettings,
): ComponentRecord {
  const namespace = entity.metadata.namespace ?? 'default';
  const entityRef = stringifyEntityRef({
    kind: 'component',
    namespace,
    name: entity.metadata.name,
  }).toLocaleLowerCase('en-US');
  const owner =
    typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
  const ownerRef = owner
    ? stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: namespace,
        }),
      ).toLocaleLowerCase('en-US')
    : undefined;
  const images = repositoriesOf(
    entity.metadata.annotations?.[IMAGE_ANNOTATION],
  );
  const k8sNamespace =
    entity.metadata.annotations?.[NAMESPACE_ANNOTATION]?.trim().toLowerCase() ||
    undefined;
  const title = entity.metadata.title;
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() ? value.trim() : undefined;
  const tier = text(entity.spec?.tier) ?? text(entity.metadata.labels?.tier);
  const lifecycle = text(entity.spec?.lifecycle);
  const sla = resolveComponentSla(settings.slaDays, settings.slaPolicies, {
    tier,
    lifecycle,
    annotation: entity.metadata.annotations?.[SLA_ANNOTATION],
  });
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        title ?? '',
        ownerRef ?? '',
        images,
        k8sNamespace ?? '',
        tier ?? '',
        lifecycle ?? '',
        sla,
      ]),
    )
    .digest('hex');
  return {
    entityRef,
    title,
    ownerRef,
    namespace: k8sNamespace,
    images,
    hash,
    tier,
    lifecycle,
    slaDays: sla.slaDays,
    slaSources: sla.sources,
    slaError: sla.annotationError,
  };
}
