import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiDetails,
  ApimEnvironment,
  ApiSummary,
  ENVIRONMENTS,
  Page,
  readPlans,
} from '@portico/plugin-apim-common';
import type { ApimDatabase } from '../../database/ApimStore';
import { normalizeRef, ownerOf, refOf, systemOf } from '../refs';
import type { DefinitionCache } from './DefinitionCache';

export interface ListApisQuery {
  search?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  tag?: string;
  limit: number;
  offset: number;
}

/** What the list step reads of every API; definitions are read for the page only. */
const LIST_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.description',
];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * APIs are the catalog's API entities, read with the caller's credentials (so the catalog's
 * own permissions apply), enriched with what APIM knows: plans, environments, subscribers.
 */
export class ApiService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      db: ApimDatabase;
      definitions: DefinitionCache;
    },
  ) {}

  async list(credentials: BackstageCredentials, query: ListApisQuery): Promise<Page<ApiSummary>> {
    const filter: Record<string, string> = { kind: 'API' };
    // Structured filters go to the catalog; the relations hold full refs whatever the YAML says.
    if (query.owner) filter['relations.ownedBy'] = normalizeRef(query.owner, ['group', 'user'], 'owner');
    if (query.system) filter['relations.partOf'] = normalizeRef(query.system, 'system', 'system');
    if (query.lifecycle) filter['spec.lifecycle'] = query.lifecycle;
    if (query.type) filter['spec.type'] = query.type;
    if (query.tag) filter['metadata.tags'] = query.tag;

    const { items } = await this.options.catalog.getEntities(
      { filter, fields: LIST_FIELDS },
      { credentials },
    );
    // The catalog's full-text filter does not index long values (descriptions), so the
    // search runs here over the few fields fetched above.
    const term = query.search?.trim().toLocaleLowerCase('en-US');
    const matching = (
      term
        ? items.filter(entity =>
            [entity.metadata.name, entity.metadata.title, entity.metadata.description].some(
              value => typeof value === 'string' && value.toLocaleLowerCase('en-US').includes(term),
            ),
          )
        : items
    ).sort((a, b) => refOf(a).localeCompare(refOf(b)));

    const pageRefs = matching.slice(query.offset, query.offset + query.limit).map(refOf);
    const [entities, counts] = await Promise.all([
      pageRefs.length
        ? this.options.catalog.getEntitiesByRefs({ entityRefs: pageRefs }, { credentials })
        : Promise.resolve({ items: [] }),
      this.options.db.subscriptions.countActiveByApi(pageRefs),
    ]);
    const summaries = await Promise.all(
      entities.items
        .filter((entity): entity is Entity => Boolean(entity))
        .map(async entity => (await this.describe(entity, counts)).summary),
    );
    return {
      items: summaries,
      totalCount: matching.length,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async get(credentials: BackstageCredentials, apiRef: string): Promise<ApiDetails> {
    const entity = await this.entity(credentials, apiRef);
    const counts = await this.options.db.subscriptions.countActiveByApi([refOf(entity)]);
    const { summary, definition } = await this.describe(entity, counts);
    return {
      ...summary,
      definitionType: text(entity.spec?.type),
      servers: definition.servers,
      operations: definition.operations,
      apiKey: definition.apiKey,
      ...(definition.error ? { definitionError: definition.error } : {}),
    };
  }

  /** The API entity as the caller sees it; NotFoundError if it is not there (or not an API). */
  async entity(credentials: BackstageCredentials, apiRef: string): Promise<Entity> {
    const ref = normalizeRef(apiRef, 'api', 'apiRef');
    const entity = await this.options.catalog.getEntityByRef(ref, { credentials });
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'api') {
      throw new NotFoundError(`No API ${ref} in the catalog`);
    }
    return entity;
  }

  /** Refs of the APIs owned by any of the groups. */
  async ownedBy(credentials: BackstageCredentials, groups: string[]): Promise<string[]> {
    if (groups.length === 0) return [];
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'API', 'relations.ownedBy': groups },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    return items.map(refOf);
  }

  private async describe(entity: Entity, counts: Map<string, number>) {
    const ref = refOf(entity);
    const plans = readPlans(entity.metadata.annotations);
    const definition = await this.options.definitions.parse(
      text(entity.spec?.type),
      text(entity.spec?.definition),
    );
    const declared = new Set(definition.servers.map(server => server.environment));
    const environments: ApimEnvironment[] = ENVIRONMENTS.filter(env => declared.has(env));
    const summary: ApiSummary = {
      ref,
      name: entity.metadata.name,
      title: text(entity.metadata.title),
      description: text(entity.metadata.description),
      owner: ownerOf(entity),
      system: systemOf(entity),
      lifecycle: text(entity.spec?.lifecycle),
      type: text(entity.spec?.type),
      tags: entity.metadata.tags ?? [],
      version: definition.version,
      environments,
      plans: plans.plans,
      ...(plans.error ? { plansError: plans.error } : {}),
      subscriberCount: counts.get(ref) ?? 0,
    };
    return { summary, definition };
  }
}
