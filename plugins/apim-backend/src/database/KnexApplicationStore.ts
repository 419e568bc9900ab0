import type { ApimEnvironment } from '@portico/plugin-apim-common';
import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  columnValues,
  countOf,
  KnexOrTransaction,
} from '@portico/portico-node';
import type {
  ApplicationRecord,
  ApplicationStore,
  ListApplicationsFilter,
} from './ApimStore';
import { APPLICATIONS } from './tables';

const { num, optStr } = columnValues;

type Db = KnexOrTransaction;
type Row = Record<string, any>;

function toApplication(row: Row): ApplicationRecord {
  return {
    id: row.id,
    name: row.name,
    description: optStr(row.description),
    owner: row.owner,
    environments: JSON.parse(row.environments),
    createdBy: row.created_by,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

export class KnexApplicationStore implements ApplicationStore {
  constructor(private readonly db: Db) {}

  async insert(record: ApplicationRecord): Promise<void> {
    try {
      await this.db(APPLICATIONS).insert({
        id: record.id,
        name: record.name,
        description: record.description ?? null,
        owner: record.owner,
        environments: JSON.stringify(record.environments),
        created_by: record.createdBy,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(
          `name: ${record.owner} already has an application named '${record.name}'`,
        );
      }
      throw error;
    }
  }

  async get(id: string): Promise<ApplicationRecord | undefined> {
    const row = await this.db(APPLICATIONS)
      .where({ id })
      .whereNull('deleted_at')
      .first();
    return row ? toApplication(row) : undefined;
  }

  async list(filter: ListApplicationsFilter) {
    const query = this.db(APPLICATIONS).whereNull('deleted_at');
    if (filter.owners) query.whereIn('owner', filter.owners);
    const [totalCount, rows] = await Promise.all([
      countOf(query),
      query
        .clone()
        .orderBy([{ column: 'name' }, { column: 'id' }])
        .limit(filter.limit)
        .offset(filter.offset),
    ]);
    return { items: rows.map(toApplication), totalCount };
  }

  async update(
    id: string,
    patch: {
      description?: string | null;
      environments?: ApimEnvironment[];
      updatedAt: number;
    },
  ): Promise<boolean> {
    const changes: Row = { updated_at: patch.updatedAt };
    if (patch.description !== undefined)
      changes.description = patch.description;
    if (patch.environments)
      changes.environments = JSON.stringify(patch.environments);
    const count = await this.db(APPLICATIONS)
      .where({ id })
      .whereNull('deleted_at')
      .update(changes);
    return count > 0;
  }

  async markDeleted(id: string, by: string, at: number): Promise<boolean> {
    const count = await this.db(APPLICATIONS)
      .where({ id })
      .whereNull('deleted_at')
      .update({ deleted_at: at, deleted_by: by, updated_at: at });
    return count > 0;
  }
}
