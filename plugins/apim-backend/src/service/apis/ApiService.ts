import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { parse as parseYaml } from 'yaml';
import {
  convertOpenapi31To30,
  Openapi30Conversion,
} from '../gateway/openapi30';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiDetails,
  ApimEnvironment,
  ApiSummary,
  ENVIRONMENTS,
  Page,
  readPlans,
} from '@portico/plugin-apim-common';
import type { ApimDatabase, ApiProjection } from '../../database/ApimStore';
import { normalizeRef, ownerOf, refOf, systemOf } from '../refs';
import type { DefinitionCache } from './DefinitionCache';
import type { Caller } from '../access/AccessService';

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

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function summaryOf(
  row: ApiProjection,
  counts: Map<string, number>,
): ApiSummary {
  return {
    ref: row.ref,
    name: row.name,
    title: row.title,
    description: row.description,
    owner: row.owner,
    system: row.system,
    lifecycle: row.lifecycle,
    type: row.type,
    tags: row.tags,
    version: row.version,
    environments: row.environments,
    plans: row.plans,
    ...(row.plansError ? { plansError: row.plansError } : {}),
    subscriberCount: counts.get(row.ref) ?? 0,
  };
}

/**
 * APIs are the catalog's API entities. Lists and details read the projection the sync keeps
 * (ApiChangeDetector: indexed, paged, the definition parsed once per change, no catalog read per
 * request), so they are as fresh as its last run (`apim.projection.syncIntervalSeconds`); an
 * API the sync has not read yet is read from the catalog with the caller's credentials.
 *
 * Visibility: the catalog's `catalog.entity.read` still decides. It is asked once per list
 * (unconditionally allowed by Portico's policy, so the projection answers alone); denied, the
 * list is empty; when a policy answers with conditions (per-entity rules), the page is checked
 * against the catalog with the caller's credentials and entities they may not read are left
 * out (the total then still counts them).
 */
export class ApiService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      db: ApimDatabase;
      definitions: DefinitionCache;
      permissions?: PermissionsService;
    },
  ) {}

  async list(
    credentials: BackstageCredentials,
    query: ListApisQuery,
  ): Promise<Page<ApiSummary>> {
    const visibility = await this.visibility(credentials);
    if (visibility === AuthorizeResult.DENY) {
      return {
        items: [],
        totalCount: 0,
        limit: query.limit,
        offset: query.offset,
      };
    }
    const page = await this.options.db.apiSnapshots.list({
      // Refs are stored lowercased and full, whatever the YAML says.
      ...(query.owner
        ? { owner: normalizeRef(query.owner, ['group', 'user'], 'owner') }
        : {}),
      ...(query.system
        ? { system: normalizeRef(query.system, 'system', 'system') }
        : {}),
      ...(query.lifecycle ? { lifecycle: query.lifecycle } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(query.tag ? { tag: query.tag } : {}),
      ...(query.search?.trim()
        ? { search: query.search.trim().toLocaleLowerCase('en-US') }
        : {}),
      limit: query.limit,
      offset: query.offset,
    });
    let rows = page.items;
    if (visibility === AuthorizeResult.CONDITIONAL && rows.length) {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        {
          entityRefs: rows.map(row => row.ref),
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      const visible = new Set(
        items.filter((e): e is Entity => Boolean(e)).map(refOf),
      );
      rows = rows.filter(row => visible.has(row.ref));
    }
    const counts = await this.options.db.subscriptions.countActiveByApi(
      rows.map(row => row.ref),
    );
    return {
      items: rows.map(row => summaryOf(row, counts)),
      totalCount: page.totalCount,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * An API's page: from the projection, like the list, once the sync has read the entity; from
   * the catalog (and a parse of its definition) for an API the sync has not read yet.
   */
  async get(
    credentials: BackstageCredentials,
    apiRef: string,
  ): Promise<ApiDetails> {
    const ref = normalizeRef(apiRef, 'api', 'apiRef');
    const row = await this.options.db.apiSnapshots.get(ref);
    if (!row?.detail) return this.getFromCatalog(credentials, ref);
    await this.requireVisible(credentials, ref);
    const counts = await this.options.db.subscriptions.countActiveByApi([ref]);
    return {
      ...summaryOf(row, counts),
      ...row.detail,
      ...(row.definitionError ? { definitionError: row.definitionError } : {}),
    };
  }

  private async getFromCatalog(
    credentials: BackstageCredentials,
    apiRef: string,
  ): Promise<ApiDetails> {
    const entity = await this.entity(credentials, apiRef);
    const counts = await this.options.db.subscriptions.countActiveByApi([
      refOf(entity),
    ]);
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

  /**
   * The catalog's `catalog.entity.read` for one projected API, asked as for a list: allowed
   * unconditionally, the projection answers alone; with conditions, the catalog is asked about
   * this entity with the caller's credentials; denied (or not visible), it is not there.
   */
  private async requireVisible(
    credentials: BackstageCredentials,
    ref: string,
  ): Promise<void> {
    const visibility = await this.visibility(credentials);
    if (visibility === AuthorizeResult.ALLOW) return;
    if (visibility === AuthorizeResult.CONDITIONAL) {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        {
          entityRefs: [ref],
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      if (items[0]) return;
    }
    throw new NotFoundError(`No API ${ref} in the catalog`);
  }

  /**
   * The definition as OpenAPI 3.0, for gateways that read nothing newer, with what changed shape
   * and what could not be said in 3.0. The definition passes the same checks as everywhere else
   * (no external references, size and depth limits) before it is converted.
   */
  async openapi30(
    credentials: BackstageCredentials,
    apiRef: string,
  ): Promise<Openapi30Conversion> {
    const entity = await this.entity(credentials, apiRef);
    const type = text(entity.spec?.type);
    const source = text(entity.spec?.definition);
    const parsed = await this.options.definitions.parse(type, source);
    if (parsed.error)
      throw new ConflictError(
        `The definition cannot be exported: ${parsed.error}`,
      );
    return convertOpenapi31To30(
      parseYaml(source ?? '', { maxAliasCount: 100 }),
    );
  }

  /** The API entity as the caller sees it; NotFoundError if it is not there (or not an API). */
  async entity(
    credentials: BackstageCredentials,
    apiRef: string,
  ): Promise<Entity> {
    const ref = normalizeRef(apiRef, 'api', 'apiRef');
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'api') {
      throw new NotFoundError(`No API ${ref} in the catalog`);
    }
    return entity;
  }

  /**
   * The API's ref, if the caller is one of its owners or a portal admin: what only the owners
   * see (every subscribed application's usage). NotFoundError first, so that a non-owner learns
   * nothing more than the catalog already shows them.
   */
  async requireOwner(caller: Caller, apiRef: string): Promise<string> {
    const entity = await this.entity(caller.credentials, apiRef);
    if (!caller.isAdmin && !caller.isMemberOf(ownerOf(entity))) {
      throw new NotAllowedError(
        `Only the owners of ${refOf(entity)} see its usage`,
      );
    }
    return refOf(entity);
  }

  /** Refs of the APIs owned by any of the groups (from the projection). */
  async ownedBy(
    _credentials: BackstageCredentials,
    groups: string[],
  ): Promise<string[]> {
    return this.options.db.apiSnapshots.refsOwnedBy(
      groups.map(g => g.toLocaleLowerCase('en-US')),
    );
  }

  private async visibility(
    credentials: BackstageCredentials,
  ): Promise<AuthorizeResult> {
    if (!this.options.permissions) return AuthorizeResult.ALLOW;
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    return decision.result;
  }

  private async describe(entity: Entity, counts: Map<string, number>) {
    const ref = refOf(entity);
    const plans = readPlans(entity.metadata.annotations);
    const definition = await this.options.definitions.parse(
      text(entity.spec?.type),
      text(entity.spec?.definition),
    );
    const declared = new Set(
      definition.servers.map(server => server.environment),
    );
    const environments: ApimEnvironment[] = ENVIRONMENTS.filter(env =>
      declared.has(env),
    );
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
