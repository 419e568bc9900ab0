import { promises as fs } from 'fs';
import path from 'path';
import type { LoggerService, SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import type { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  LOCAL_REPOSITORY_KINDS,
  LOCAL_REPOSITORY_NAME_PATTERN,
} from '@portico/plugin-lifecycle-common';
import { parseAllDocuments } from 'yaml';

const MAX_FILE_BYTES = 512 * 1024;
const MAX_ENTITIES_PER_REPO = 20;
const NAME = /^[a-z0-9A-Z][a-z0-9A-Z._-]{0,62}$/;

/**
 * Reads `catalog-info.yaml` at the top of each repository that `portico:publish:local` wrote (config
 * `portico.localRepositories.directory`) and hands the catalog its entities, replacing the whole set
 * each pass (removed repositories disappear).
 *
 * Repositories are user input: only Component, API, Resource and System kinds, names the catalog
 * accepts, files that are regular (no symbolic links out of the folder), of bounded size; anything
 * else is skipped with a warning. `$text` placeholders beside the file are resolved by the catalog
 * with the same confinement as the demo catalog's (catalog-backend-module-portico).
 */
export class LocalRepositoryEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      root: string;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
    },
  ) {}

  getProviderName() {
    return 'portico-local-repositories';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  async refresh(): Promise<number> {
    if (!this.connection) throw new Error('Not connected');
    const entities = await this.read();
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: this.getProviderName() })),
    });
    return entities.length;
  }

  /** The entities of every repository, valid ones only. */
  async read(): Promise<Entity[]> {
    const { root, logger } = this.options;
    let names: string[];
    try {
      names = (await fs.readdir(root, { withFileTypes: true }))
        .filter(d => d.isDirectory() && LOCAL_REPOSITORY_NAME_PATTERN.test(d.name))
        .map(d => d.name)
        .sort();
    } catch (error: any) {
      if (error?.code === 'ENOENT') return [];
      throw error;
    }
    const entities: Entity[] = [];
    for (const name of names) {
      const file = path.join(root, name, 'catalog-info.yaml');
      try {
        const stat = await fs.lstat(file);
        if (!stat.isFile() || stat.size > MAX_FILE_BYTES) {
          if (!stat.isFile()) logger.warn(`Skipped ${name}/catalog-info.yaml: not a regular file`);
          else logger.warn(`Skipped ${name}/catalog-info.yaml: larger than ${MAX_FILE_BYTES} bytes`);
          continue;
        }
        entities.push(...this.parse(name, file, await fs.readFile(file, 'utf-8')));
      } catch (error: any) {
        if (error?.code !== 'ENOENT') logger.warn(`Skipped the local repository ${name}: ${error}`);
      }
    }
    return entities;
  }

  private parse(repo: string, file: string, text: string): Entity[] {
    const location = `file:${file}`;
    const accepted: Entity[] = [];
    for (const doc of parseAllDocuments(text)) {
      if (accepted.length >= MAX_ENTITIES_PER_REPO) break;
      if (doc.errors.length) {
        this.options.logger.warn(`Skipped a document of ${repo}/catalog-info.yaml: ${doc.errors[0].message}`);
        continue;
      }
      const entity = doc.toJS() as Entity | null;
      const problem = rejection(entity);
      if (problem) {
        this.options.logger.warn(`Skipped an entity of ${repo}/catalog-info.yaml: ${problem}`);
        continue;
      }
      accepted.push({
        ...entity!,
        metadata: {
          ...entity!.metadata,
          annotations: {
            ...entity!.metadata.annotations,
            [ANNOTATION_LOCATION]: location,
            [ANNOTATION_ORIGIN_LOCATION]: location,
          },
        },
      });
    }
    return accepted;
  }
}

function rejection(entity: Entity | null): string | undefined {
  if (!entity || typeof entity !== 'object') return 'not an object';
  if (typeof entity.apiVersion !== 'string' || !entity.apiVersion.startsWith('backstage.io/')) {
    return 'apiVersion must be backstage.io/...';
  }
  if (!(LOCAL_REPOSITORY_KINDS as readonly string[]).includes(entity.kind)) {
    return `kind ${String(entity.kind)} is not one of ${LOCAL_REPOSITORY_KINDS.join(', ')}`;
  }
  if (!entity.metadata || typeof entity.metadata.name !== 'string' || !NAME.test(entity.metadata.name)) {
    return 'metadata.name is missing or invalid';
  }
  if (entity.metadata.namespace !== undefined && entity.metadata.namespace !== 'default') {
    return 'only the default namespace';
  }
  return undefined;
}

