/*
 * apim's API list at scale, on its own (service level, no HTTP, no catalog): N API entities
 * (default 2,000) synced into the projection by the real ApiChangeDetector from a paged
 * in-memory catalog, then `ApiService.list` pages of 25 (unfiltered, by owner, by tag, by search)
 * with 16 concurrent callers, p50/p95. SQLite (a file) and PostgreSQL.
 *
 * The HTTP comparison with the catalog's `GET /api/catalog/entities/by-query?limit=25` on the
 * same backend is `bench/scale.ts` (endpoint "apim GET /apis").
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/apim-apis.ts
 *   PORTICO_BENCH_APIS=10000 ...                       (more APIs)
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import knexFactory, { Knex } from 'knex';
import type { Entity } from '@backstage/catalog-model';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { KnexOutboxStore, OutboxPublisher } from '../plugins/portico-node/src';
import { KnexApimDatabase } from '../plugins/apim-backend/src/database/KnexApimDatabase';
import { ApiChangeDetector } from '../plugins/apim-backend/src/service/apis/ApiChangeDetector';
import { ApiService } from '../plugins/apim-backend/src/service/apis/ApiService';
import { DefinitionCache } from '../plugins/apim-backend/src/service/apis/DefinitionCache';

const APIS = Number(process.env.PORTICO_BENCH_APIS ?? 2_000);
const CALLS = Number(process.env.PORTICO_BENCH_CALLS ?? 2_000);
const CONCURRENCY = 16;

/** `count` API entities as an entity provider fixture would give them. */
export function benchApiEntities(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `bench-api-${String(i).padStart(5, '0')}`;
    const team = `team-${i % 50}`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name,
        namespace: 'default',
        title: `Bench API ${i}`,
        description: `Benchmark API number ${i} of ${team}`,
        tags: ['bench', `tag-${i % 20}`],
        etag: `e${i}`,
        annotations: { 'portico.io/plans': '- name: free\n  approval: auto\n  environments: [sandbox]' },
      },
      spec: {
        type: 'openapi',
        lifecycle: i % 3 ? 'production' : 'experimental',
        owner: team,
        system: `system-${i % 10}`,
        definition: JSON.stringify({
          openapi: '3.0.3',
          info: { title: name, version: '1.0.0' },
          servers: [{ url: `https://${name}.example.com`, 'x-portico-environment': 'sandbox' }],
          paths: { '/things': { get: { responses: { '200': { description: 'ok' } } } } },
        }),
      },
      relations: [{ type: 'ownedBy', targetRef: `group:default/${team}` }],
    } as Entity;
  });
}

function pagedCatalog(entities: Entity[]) {
  const byRef = new Map(entities.map(e => [`api:default/${e.metadata.name}`, e]));
  return {
    queryEntities: async (request?: any) => {
      const offset = request?.cursor ? Number(request.cursor) : 0;
      const items = entities.slice(offset, offset + (request?.limit ?? 100));
      const next = offset + items.length;
      return { items, totalItems: entities.length, pageInfo: next < entities.length ? { nextCursor: String(next) } : {} };
    },
    getEntitiesByRefs: async (request: any) => ({ items: request.entityRefs.map((r: string) => byRef.get(r)) }),
  } as unknown as CatalogService;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function bench(label: string, knex: Knex) {
  const db = await KnexApimDatabase.create({ knex });
  const entities = benchApiEntities(APIS);
  const catalog = pagedCatalog(entities);
  const definitions = new DefinitionCache();
  const detector = new ApiChangeDetector({
    catalog,
    auth: mockServices.auth(),
    db,
    events: new OutboxPublisher(new KnexOutboxStore(knex)),
    definitions,
    logger: { info() {}, warn() {}, error() {}, debug() {}, child() { return this; } } as any,
  });
  let start = performance.now();
  await detector.run();
  const first = performance.now() - start;
  start = performance.now();
  await detector.run();
  const second = performance.now() - start;
  console.log(`${label}: sync of ${APIS} APIs: first ${first.toFixed(0)} ms, unchanged ${second.toFixed(0)} ms`);

  const apis = new ApiService({ catalog, db, definitions });
  const credentials = mockCredentials.user('user:default/bench');
  const queries: Array<[string, Record<string, string>]> = [
    ['limit=25', {}],
    ['owner', { owner: 'team-7' }],
    ['tag', { tag: 'tag-3' }],
    ['search', { search: 'number 1234' }],
  ];
  for (const [name, filter] of queries) {
    const times: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CALLS) {
          const i = next++;
          const t = performance.now();
          await apis.list(credentials, { ...filter, limit: 25, offset: (i * 25) % Math.max(25, APIS - 25) });
          times.push(performance.now() - t);
        }
      }),
    );
    times.sort((a, b) => a - b);
    console.log(`${label}: GET /apis ${name.padEnd(9)} p50 ${percentile(times, 50).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms`);
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-apis-'));
  const sqlite = knexFactory({ client: 'better-sqlite3', connection: { filename: join(dir, 'apim.sqlite') }, useNullAsDefault: true });
  try {
    await bench('SQLite 3', sqlite);
  } finally {
    await sqlite.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? 'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection: url });
  const database = `portico_bench_apis_${Date.now()}`;
  try {
    await admin.raw(`CREATE DATABASE ${database}`);
  } catch (error) {
    console.log(`PostgreSQL skipped: cannot reach ${url} (${(error as Error).message})`);
    await admin.destroy();
    return;
  }
  const pg = knexFactory({ client: 'pg', connection: `${url.replace(/\/$/, '')}/${database}`, pool: { min: 1, max: CONCURRENCY } });
  try {
    await bench('PostgreSQL', pg);
  } finally {
    await pg.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
    await admin.destroy();
  }
}

if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
