import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  CostCenterSummary,
  DAY_MS,
  ExpiringQuery,
  ExtendRequest,
  lifecycleResourceExtendPermission,
  lifecycleResourceProvisionPermission,
  lifecycleResourceReadPermission,
  ProvisionRequest,
  ResourceDetail,
  ResourceFilter,
  ResourceView,
} from '@portico/plugin-lifecycle-common';
import type { Page } from './page';
import type { PorticoEvents } from '@portico/portico-node';
import type { LifecycleDatabase } from '../database/LifecycleStore';
import type { LifecycleCaller } from './access';
import type { Clock } from './clock';
import type { ResourceExecutor } from './executors/ResourceExecutor';
import { maxExpiry, teardownExclusion } from './guardrails';
import { toTimelineEntry, toView } from './views';

const EXPIRING_SOON_MS = 7 * DAY_MS;

/** The lifecycle's questions and changes from people: lists, a resource's card, extensions, provisioning. */
export class LifecycleService {
  constructor(
    private readonly options: {
      db: LifecycleDatabase;
      events: PorticoEvents;
      executor: ResourceExecutor;
      auditor: AuditorService;
      clock: Clock;
    },
  ) {}

  async expiring(caller: LifecycleCaller, query: ExpiringQuery): Promise<Page<ResourceView>> {
    caller.require(lifecycleResourceReadPermission);
    const now = this.options.clock.now();
    const { withinHours, ...filter } = query;
    const page = await this.options.db.resources.list({ ...filter, expiresBefore: now + withinHours * 3600_000 });
    return { ...page, items: page.items.map(r => toView(r, now)), limit: filter.limit, offset: filter.offset };
  }

  async violations(caller: LifecycleCaller, filter: ResourceFilter): Promise<Page<ResourceView>> {
    caller.require(lifecycleResourceReadPermission);
    const now = this.options.clock.now();
    const page = await this.options.db.resources.list({ ...filter, withViolations: true });
    return { ...page, items: page.items.map(r => toView(r, now)), limit: filter.limit, offset: filter.offset };
  }

  async costCenters(caller: LifecycleCaller): Promise<CostCenterSummary[]> {
    caller.require(lifecycleResourceReadPermission);
    const rows = await this.options.db.resources.costCenters(this.options.clock.now() + EXPIRING_SOON_MS);
    const byCenter = new Map<string, CostCenterSummary>();
    for (const row of rows) {
      const summary = byCenter.get(row.costCenter) ?? {
        costCenter: row.costCenter,
        resources: 0,
        expiringSoon: 0,
        violations: 0,
        environments: {},
      };
      summary.resources += row.resources;
      summary.expiringSoon += row.expiring;
      summary.violations += row.violations;
      const env = row.environment ?? '(none)';
      summary.environments[env] = (summary.environments[env] ?? 0) + row.resources;
      byCenter.set(row.costCenter, summary);
    }
    return [...byCenter.values()].sort((a, b) => a.costCenter.localeCompare(b.costCenter));
  }

  async detail(caller: LifecycleCaller, entityRef: string): Promise<ResourceDetail> {
    caller.require(lifecycleResourceReadPermission);
    const record = await this.options.db.resources.get(entityRef);
    if (!record) throw new NotFoundError(`The lifecycle does not know ${entityRef} (yet)`);
    const now = this.options.clock.now();
    const max = maxExpiry(record);
    return {
      ...toView(record, now),
      timeline: (await this.options.db.resources.timeline(record.entityRef, 100)).map(toTimelineEntry),
      maxExpiresAt: max === undefined ? undefined : new Date(max).toISOString(),
      canExtend:
        caller.has(lifecycleResourceExtendPermission) &&
        caller.mayActOn(record.owner) &&
        record.state === 'active' &&
        max !== undefined &&
        record.expiresAt !== undefined &&
        record.expiresAt < max,
    };
  }

  /** Moves the expiry later by whole days, never past created-at + the maximum life. */
  async extend(caller: LifecycleCaller, request: ExtendRequest): Promise<ResourceDetail> {
    caller.require(lifecycleResourceExtendPermission);
    const { db, events, auditor, clock } = this.options;
    const now = clock.now();
    await db.transaction(async tx => {
      const record = await tx.resources.get(request.entityRef);
      if (!record) throw new NotFoundError(`The lifecycle does not know ${request.entityRef}`);
      if (!caller.mayActOn(record.owner)) {
        throw new NotAllowedError(`Only members of ${record.owner ?? 'the owner group'} may extend ${record.entityRef}`);
      }
      if (record.state !== 'active') throw new ConflictError(`${record.entityRef} is ${record.state}: it cannot be extended`);
      const max = maxExpiry(record);
      if (record.expiresAt === undefined || max === undefined || teardownExclusion(record) === 'prod') {
        throw new ConflictError(`${record.entityRef} has no expiry to extend`);
      }
      const from = Math.max(record.expiresAt, now);
      const until = from + request.days * DAY_MS;
      if (until > max) {
        throw new InputError(
          `days: the expiry may not pass ${new Date(max).toISOString()} (created-at + 30 days); at most ${Math.floor((max - from) / DAY_MS)} more days`,
        );
      }
      const changed = await tx.resources.updateIf(record.entityRef, { state: 'active' }, {
        extendedUntil: until,
        expiresAt: until,
        extensions: record.extensions + 1,
        // Notices count from the new expiry.
        notice48hAt: until - now > 48 * 3600_000 ? undefined : record.notice48hAt,
        notice24hAt: until - now > 24 * 3600_000 ? undefined : record.notice24hAt,
        updatedAt: now,
      });
      if (!changed) throw new ConflictError(`${record.entityRef} changed meanwhile; try again`);
      await tx.resources.addTimeline({
        entityRef: record.entityRef,
        kind: 'extended',
        actor: caller.userRef,
        message: `Extended by ${request.days} d to ${new Date(until).toISOString()}: ${request.reason}`,
        at: now,
      });
      await events.publish(tx.trx, {
        topic: 'resource-expiring',
        type: 'expiry-extended',
        actor: caller.userRef,
        subject: record.entityRef,
        data: { entityRef: record.entityRef, days: request.days, reason: request.reason, expiresAt: new Date(until).toISOString() },
      });
    });
    const audit = await auditor.createEvent({
      eventId: 'resource-extend',
      severityLevel: 'low',
      meta: { entityRef: request.entityRef, days: request.days, reason: request.reason, actor: caller.userRef },
    });
    await audit.success();
    return this.detail(caller, request.entityRef);
  }

  /**
   * The sandbox golden path's request: records it on the resource's timeline and starts the type's
   * provisioning through the executor. The resource row itself comes from the catalog (the sync), so
   * provisioning may be asked before the catalog has read the new entity.
   */
  async provision(
    caller: LifecycleCaller,
    request: ProvisionRequest,
  ): Promise<{ createdAt: string; taskId?: string; status: string; message?: string }> {
    caller.require(lifecycleResourceProvisionPermission);
    const { db, events, executor, auditor, clock } = this.options;
    const entityRef = request.entityRef.toLowerCase();
    const now = clock.now();
    const result = await executor.start('provision', { entityRef, type: request.type }, request.parameters);
    await db.transaction(async tx => {
      await tx.resources.addTimeline({
        entityRef,
        kind: result.status === 'failed' ? 'provision-failed' : 'provisioned',
        actor: caller.userRef,
        message: result.message ?? `Provisioning of a ${request.type} started`,
        at: now,
      });
      await events.publish(tx.trx, {
        topic: 'resource-created',
        type: result.status === 'failed' ? 'provision-failed' : 'resource-provisioned',
        actor: caller.userRef,
        subject: entityRef,
        data: { entityRef, type: request.type, taskId: result.taskId, status: result.status },
      });
    });
    const audit = await auditor.createEvent({
      eventId: 'resource-provision',
      severityLevel: 'medium',
      meta: { entityRef, type: request.type, taskId: result.taskId, actor: caller.userRef },
    });
    await audit.success();
    return { ...result, createdAt: new Date(now).toISOString() };
  }
}
