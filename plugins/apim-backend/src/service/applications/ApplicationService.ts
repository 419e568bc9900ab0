import { randomUUID } from 'crypto';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  Application,
  CreateApplicationRequest,
  Page,
  UpdateApplicationRequest,
} from '@portico/plugin-apim-common';
import type { ApimDatabase, ApplicationRecord } from '../../database/ApimStore';
import type { Caller } from '../access/AccessService';
import type { EventPublisher } from '../events';
import { normalizeRef } from '../refs';
import type { SubscriptionService } from '../subscriptions/SubscriptionService';

export function toApplicationView(record: ApplicationRecord): Application {
  return {
    id: record.id,
    name: record.name,
    ...(record.description ? { description: record.description } : {}),
    owner: record.owner,
    environments: record.environments,
    createdBy: record.createdBy,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

export function applicationEventData(record: ApplicationRecord): Record<string, unknown> {
  return {
    applicationId: record.id,
    name: record.name,
    ...(record.description ? { description: record.description } : {}),
    owner: record.owner,
    environments: record.environments,
  };
}

/** Forgets what is cached for an application (Try-It console keys) once it is gone. */
export interface ApplicationCacheInvalidator {
  forget(applicationId: string): void;
}

/**
 * Applications belong to a group. Anyone may read them; only members of the owner group, or
 * portal admins, change or delete them.
 */
export class ApplicationService {
  constructor(
    private readonly options: {
      db: ApimDatabase;
      events: EventPublisher;
      catalog: CatalogService;
      subscriptions: SubscriptionService;
      caches: ApplicationCacheInvalidator[];
      clock?: () => number;
    },
  ) {}

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  async list(
    caller: Caller,
    query: { owner?: string; mine?: 'true' | 'false'; limit: number; offset: number },
  ): Promise<Page<Application>> {
    let owners: string[] | undefined;
    if (query.owner) owners = [normalizeRef(query.owner, 'group', 'owner')];
    if (query.mine === 'true') {
      owners = owners ? owners.filter(owner => caller.isMemberOf(owner)) : caller.groups;
    }
    const { items, totalCount } = await this.options.db.applications.list({
      owners,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: items.map(toApplicationView), totalCount, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<ApplicationRecord> {
    const record = await this.options.db.applications.get(id);
    if (!record) throw new NotFoundError(`No application ${id}`);
    return record;
  }

  /** The application, if the caller may change it (member of its owner group, or portal admin). */
  async getManageable(caller: Caller, id: string): Promise<ApplicationRecord> {
    const record = await this.get(id);
    assertCanManage(caller, record);
    return record;
  }

  async create(caller: Caller, request: CreateApplicationRequest): Promise<Application> {
    const owner = normalizeRef(request.owner, 'group', 'owner');
    if (!caller.isAdmin && !caller.isMemberOf(owner)) {
      throw new NotAllowedError(
        `owner: you can only create applications owned by one of your groups (${
          caller.groups.join(', ') || 'you are in none'
        })`,
      );
    }
    const group = await this.options.catalog.getEntityByRef(owner, {
      credentials: caller.credentials,
    });
    if (!group || group.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new InputError(`owner: there is no group ${owner} in the catalog`);
    }
    const now = this.now();
    const record: ApplicationRecord = {
      id: randomUUID(),
      name: request.name,
      ...(request.description ? { description: request.description } : {}),
      owner,
      environments: [...new Set(request.environments)],
      createdBy: caller.userRef,
      createdAt: now,
      updatedAt: now,
    };
    await this.options.db.transaction(async tx => {
      await tx.applications.insert(record);
      await this.options.events.publish(tx.trx, {
        topic: 'application-created',
        type: 'application-created',
        actor: caller.userRef,
        subject: record.id,
        data: applicationEventData(record),
      });
    });
    return toApplicationView(record);
  }

  async update(caller: Caller, id: string, patch: UpdateApplicationRequest): Promise<Application> {
    const record = await this.getManageable(caller, id);
    const environments = patch.environments ? [...new Set(patch.environments)] : undefined;
    if (environments) {
      const dropped = record.environments.filter(env => !environments.includes(env));
      const live = (await this.options.db.subscriptions.liveForApplication(id)).filter(sub =>
        dropped.includes(sub.environment),
      );
      if (live.length > 0) {
        throw new ConflictError(
          `environments: ${live[0].environment} still has a subscription to ${live[0].apiRef} (${live[0].state}); end it before removing the environment`,
        );
      }
    }
    const dropped = environments ? record.environments.filter(env => !environments.includes(env)) : [];
    const now = this.now();
    await this.options.db.transaction(async tx => {
      await tx.applications.update(id, {
        ...(patch.description !== undefined ? { description: patch.description || null } : {}),
        ...(environments ? { environments } : {}),
        updatedAt: now,
      });
      // A key of an environment the application no longer uses would keep working at the
      // gateway: it ends with the environment, in the same change.
      const revoked = await tx.keys.revokeForEnvironments(id, dropped, caller.userRef, now);
      if (revoked.length === 0) return;
      const keys = await Promise.all(revoked.map(keyId => tx.keys.get(keyId)));
      await this.options.events.publish(
        tx.trx,
        ...keys
          .filter(key => key?.kind === 'user')
          .map(key => ({
            topic: 'api-key-rotated',
            type: 'api-key-revoked',
            actor: caller.userRef,
            subject: id,
            data: { applicationId: id, environment: key!.environment, keyId: key!.id, reason: 'environment-removed' },
          })),
      );
    });
    if (dropped.length) for (const cache of this.options.caches) cache.forget(id);
    return toApplicationView(await this.get(id));
  }

  /**
   * Deletes an application: its keys are revoked, its live subscriptions end (revoked), and
   * `subscription-deleted` and `application-deleted` are published, all in one transaction.
   */
  async delete(caller: Caller, id: string): Promise<void> {
    const record = await this.getManageable(caller, id);
    const now = this.now();
    await this.options.db.transaction(async tx => {
      if (!(await tx.applications.markDeleted(id, caller.userRef, now))) {
        throw new NotFoundError(`No application ${id}`);
      }
      const revokedKeys = await tx.keys.revokeAllForApplication(id, caller.userRef, now);
      const ended = await this.options.subscriptions.endForDeletedApplication(tx, id, caller, now);
      await this.options.events.publish(tx.trx, {
        topic: 'application-deleted',
        type: 'application-deleted',
        actor: caller.userRef,
        subject: id,
        data: {
          ...applicationEventData(record),
          revokedKeyIds: revokedKeys,
          endedSubscriptionIds: ended,
        },
      });
    });
    for (const cache of this.options.caches) cache.forget(id);
  }
}

export function assertCanManage(caller: Caller, record: ApplicationRecord): void {
  if (!caller.isAdmin && !caller.isMemberOf(record.owner)) {
    throw new NotAllowedError(
      `Only members of ${record.owner} or portal admins can change application '${record.name}'`,
    );
  }
}
