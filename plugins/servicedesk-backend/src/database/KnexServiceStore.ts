import { columnValues } from '@portico/portico-node';
import type { ServiceRecord, ServiceStore } from './ServicedeskStore';
import { Db, Row, SERVICES } from './tables';

const { num, optStr } = columnValues;

function toService(row: Row): ServiceRecord {
  return {
    slug: row.slug,
    name: row.name,
    description: row.description,
    category: row.category,
    team: row.team,
    slaHours: Number(row.sla_hours),
    autoExecutable: Boolean(row.auto_executable),
    workflowRef: optStr(row.workflow_ref),
    formSchema: JSON.parse(row.form_schema),
    requiredPermissions: JSON.parse(row.required_permissions),
    active: Boolean(row.active),
    updatedAt: num(row.updated_at),
    updatedBy: optStr(row.updated_by),
  };
}

export class KnexServiceStore implements ServiceStore {
  constructor(private readonly db: Db) {}

  async list(
    options: { includeInactive?: boolean } = {},
  ): Promise<ServiceRecord[]> {
    const query = this.db(SERVICES)
      .select('*')
      .orderBy([{ column: 'category' }, { column: 'name' }]);
    if (!options.includeInactive) query.where('active', true);
    return (await query).map(toService);
  }

  async get(slug: string): Promise<ServiceRecord | undefined> {
    const row = await this.db(SERVICES).where({ slug }).first();
    return row ? toService(row) : undefined;
  }

  async upsert(record: ServiceRecord): Promise<'created' | 'updated'> {
    const row = {
      name: record.name,
      description: record.description,
      category: record.category,
      team: record.team,
      sla_hours: record.slaHours,
      auto_executable: record.autoExecutable,
      workflow_ref: record.workflowRef ?? null,
      form_schema: JSON.stringify(record.formSchema),
      required_permissions: JSON.stringify(record.requiredPermissions),
      active: record.active,
      updated_at: record.updatedAt,
      updated_by: record.updatedBy ?? null,
    };
    const updated = await this.db(SERVICES)
      .where({ slug: record.slug })
      .update(row);
    if (updated > 0) return 'updated';
    await this.db(SERVICES).insert({ slug: record.slug, ...row });
    return 'created';
  }
}
