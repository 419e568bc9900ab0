import { createHash } from 'crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATIONS } from '@portico/plugin-monitoring-common';
import type { ComponentRecord, MonitoringDatabase } from '../database/MonitoringStore';

const PAGE_SIZE = 200;
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  `metadata.annotations.${ANNOTATIONS.alertSelector}`,
  `metadata.annotations.${ANNOTATIONS.healthUrl}`,
  `metadata.annotations.${ANNOTATIONS.slo}`,
  `metadata.annotations.${ANNOTATIONS.grafanaDashboard}`,
  `metadata.annotations.${ANNOTATIONS.alertChannel}`,
  'spec.owner',
];

function ownerOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: 'default' })).toLowerCase();
  } catch {
    return undefined;
  }
}

export function componentRecordOf(entity: Entity): ComponentRecord {
  const annotations = entity.metadata.annotations ?? {};
  const record = {
    entityRef: stringifyEntityRef(entity).toLowerCase(),
    name: entity.metadata.name.toLowerCase(),
    title: entity.metadata.title,
    ownerRef: ownerOf(entity),
    alertSelector: annotations[ANNOTATIONS.alertSelector],
    healthUrl: annotations[ANNOTATIONS.healthUrl],
    slo: annotations[ANNOTATIONS.slo],
    grafanaUrl: annotations[ANNOTATIONS.grafanaDashboard],
    alertChannel: annotations[ANNOTATIONS.alertChannel],
  };
  const hash = createHash('sha256').update(JSON.stringify(record)).digest('hex');
  return { ...record, hash };
}

/**
 * Keeps the component projection: pages through the catalog's components reading only the
 * fields monitoring uses, writes only those whose hash changed, and drops components no longer
 * in the catalog at the end of a complete pass.
 */
export class CatalogSync {
  private syncId = 0;

  constructor(
    private readonly options: {
      db: MonitoringDatabase;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      onChange?: () => void;
    },
  ) {}

  async run(): Promise<{ seen: number; written: number; deleted: number }> {
    const { db, catalog, auth, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    // Monotonic across instances and restarts, so "not seen in this pass" is a simple comparison.
    const syncId = Math.max(Date.now(), this.syncId + 1);
    this.syncId = syncId;
    let cursor: string | undefined;
    let seen = 0;
    let written = 0;
    do {
      const page = await catalog.queryEntities(
        cursor ? { cursor, limit: PAGE_SIZE } : { filter: { kind: 'Component' }, fields: FIELDS, limit: PAGE_SIZE },
        { credentials },
      );
      const records = page.items.map(componentRecordOf);
      const hashes = await db.components.hashes(records.map(r => r.entityRef));
      const unchanged: string[] = [];
      for (const record of records) {
        if (hashes.get(record.entityRef) === record.hash) {
          unchanged.push(record.entityRef);
        } else {
          await db.components.upsert(record, syncId);
          written++;
        }
      }
      await db.components.markSeen(unchanged, syncId);
      seen += records.length;
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    const deleted = await db.components.deleteNotSeen(syncId);
    if (written || deleted) {
      logger.info(`Monitoring component projection: ${seen} components, ${written} written, ${deleted} removed`);
      this.options.onChange?.();
    }
    return { seen, written, deleted };
  }
}
