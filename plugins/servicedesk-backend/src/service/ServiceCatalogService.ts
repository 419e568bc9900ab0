import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  ServiceDefinition,
  servicedeskServiceManagePermission,
  serviceInputSchema,
  describeZodError,
} from '@portico/plugin-servicedesk-common';
import type { ServicedeskDatabase, ServiceRecord } from '../database/ServicedeskStore';
import type { Caller } from './AccessService';
import type { Clock } from './clock';
import type { FormValidator } from './FormValidator';
import { normalizeGroupRef, TeamDirectory } from './TeamDirectory';
import type { IntegrationReadiness } from './integrationReadiness';

export function toServiceView(record: ServiceRecord): ServiceDefinition {
  return {
    slug: record.slug,
    name: record.name,
    description: record.description,
    category: record.category,
    team: record.team,
    slaHours: record.slaHours,
    autoExecutable: record.autoExecutable,
    ...(record.workflowRef ? { workflowRef: record.workflowRef } : {}),
    formSchema: record.formSchema,
    requiredPermissions: record.requiredPermissions,
    active: record.active,
    updatedAt: new Date(record.updatedAt).toISOString(),
    ...(record.updatedBy ? { updatedBy: record.updatedBy } : {}),
  };
}

/** The service catalog: data in the service desk's database, edited by portal admins. */
export class ServiceCatalogService {
  constructor(
    private readonly options: {
      db: ServicedeskDatabase;
      forms: FormValidator;
      directory: TeamDirectory;
      clock: Clock;
      integrations?: IntegrationReadiness;
    },
  ) {}

  #view(record: ServiceRecord): ServiceDefinition {
    const view = toServiceView(record);
    const integration = record.workflowRef ? this.options.integrations?.(record.workflowRef) : undefined;
    return integration ? { ...view, integration } : view;
  }

  async list(caller: Caller, includeInactive = false): Promise<ServiceDefinition[]> {
    const records = await this.options.db.services.list({
      includeInactive: includeInactive && caller.has(servicedeskServiceManagePermission),
    });
    return records.map(r => this.#view(r));
  }

  async get(slug: string): Promise<ServiceDefinition> {
    const record = await this.options.db.services.get(slug);
    if (!record) throw new NotFoundError(`No service '${slug}'`);
    return this.#view(record);
  }

  /** Adds or replaces a service; the slug in the path wins. */
  async put(caller: Caller, slug: string, body: unknown): Promise<{ service: ServiceDefinition; created: boolean }> {
    if (!caller.has(servicedeskServiceManagePermission)) {
      throw new NotAllowedError('Only portal admins edit the service catalog');
    }
    const parsed = serviceInputSchema.safeParse({ ...(body as object), slug });
    if (!parsed.success) throw new InputError(describeZodError(parsed.error));
    const input = parsed.data;
    this.options.forms.compile(input.formSchema);
    const team = normalizeGroupRef(input.team);
    if (!(await this.options.directory.team(team))) {
      throw new InputError(`team: no group ${team} in the catalog`);
    }
    const record: ServiceRecord = {
      ...input,
      team,
      workflowRef: input.workflowRef?.toLocaleLowerCase('en-US'),
      updatedAt: this.options.clock.now(),
      updatedBy: caller.ref,
    };
    const outcome = await this.options.db.services.upsert(record);
    return { service: toServiceView(record), created: outcome === 'created' };
  }
}
