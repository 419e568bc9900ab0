import { randomUUID } from 'crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  LabelMatcher,
  Page,
  parseSelector,
  SilenceWindow,
  SilenceWindowBody,
} from '@portico/plugin-monitoring-common';
import type { ComponentRecord, MonitoringDatabase, SilenceWindowRecord, SilenceWindowStore } from '../database/MonitoringStore';
import type { Caller } from './AccessService';
import { fullRef } from './AlertQueryService';
import type { SilenceGateway } from './AlertmanagerClient';
import type { Clock } from './clock';

export function toApiWindow(record: SilenceWindowRecord, now: number): SilenceWindow {
  const iso = (t: number) => new Date(t).toISOString();
  return {
    id: record.id,
    componentRef: record.componentRef,
    startsAt: iso(record.startsAt),
    endsAt: iso(record.endsAt),
    comment: record.comment,
    createdBy: record.createdBy,
    createdAt: iso(record.createdAt),
    silenceIds: record.silenceIds,
    state: record.startsAt <= now ? 'active' : 'scheduled',
  };
}

/**
 * Maintenance silences: on-call (or an admin) silences a component's alerts over a window
 * ahead of time, in Alertmanager, with the component's matchers. A component is matched by
 * its `portico.io/alert-selector` when it has one, otherwise by its name under each label the
 * component mapping uses (one silence per label: Alertmanager's matchers are all required).
 */
export class SilenceWindowService {
  constructor(
    private readonly options: {
      db: MonitoringDatabase;
      silences?: SilenceGateway;
      componentLabels: string[];
      clock: Clock;
      logger: LoggerService;
    },
  ) {}

  matcherSets(component: ComponentRecord): LabelMatcher[][] {
    const selector = component.alertSelector ? parseSelector(component.alertSelector) : undefined;
    if (selector) return [selector];
    return this.options.componentLabels.map(name => [{ name, value: component.name, isRegex: false, isEqual: true }]);
  }

  private gateway(): SilenceGateway {
    if (!this.options.silences) {
      throw new ConflictError('Alertmanager is not configured (monitoring.alertmanager.baseUrl): no silence can be scheduled');
    }
    return this.options.silences;
  }

  async schedule(caller: Caller, body: SilenceWindowBody): Promise<SilenceWindow> {
    const { db, clock } = this.options;
    const silences = this.gateway();
    const now = clock.now();
    const startsAt = Math.max(Date.parse(body.startsAt), now);
    const endsAt = Date.parse(body.endsAt);
    if (endsAt <= now) throw new InputError('endsAt: the window is already over');
    const componentRef = fullRef(body.componentRef, 'component');
    const component = await db.components.get(componentRef);
    if (!component) throw new InputError(`componentRef: no component ${componentRef} in the catalog`);

    return toApiWindow(
      await this.open(db.windows, {
        component,
        startsAt,
        endsAt,
        createdBy: caller.ref,
        comment: body.comment,
        silenceComment: `Maintenance of ${componentRef} scheduled in Portico: ${body.comment}`,
      }, silences),
      now,
    );
  }

  /**
   * Creates the silences (none when Alertmanager is not configured: the window is recorded all
   * the same) and records the window in `windows` (a transaction's store for event consumers).
   * No half state: if anything fails, the silences made so far are deleted and it throws.
   */
  async open(
    windows: SilenceWindowStore,
    input: {
      component: ComponentRecord;
      startsAt: number;
      endsAt: number;
      createdBy: string;
      comment: string;
      silenceComment: string;
      promotionRequestId?: string;
      promotionAttempt?: number;
    },
    silences = this.options.silences,
  ): Promise<SilenceWindowRecord> {
    const { clock, logger } = this.options;
    const silenceIds: string[] = [];
    try {
      for (const matchers of silences ? this.matcherSets(input.component) : []) {
        silenceIds.push(
          await silences!.createSilence({
            matchers,
            startsAt: input.startsAt,
            endsAt: input.endsAt,
            createdBy: input.createdBy,
            comment: input.silenceComment,
          }),
        );
      }
      const record: SilenceWindowRecord = {
        id: randomUUID(),
        componentRef: input.component.entityRef,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        comment: input.comment,
        createdBy: input.createdBy,
        createdAt: clock.now(),
        silenceIds,
        promotionRequestId: input.promotionRequestId,
        promotionAttempt: input.promotionAttempt,
      };
      await windows.insert(record);
      return record;
    } catch (error) {
      for (const id of silenceIds) {
        await silences!.deleteSilence(id).catch(e => logger.warn(`Could not delete silence ${id}: ${e}`));
      }
      throw error;
    }
  }

  /**
   * Ends a window early (its work is done): deletes the silences first, so an Alertmanager
   * failure throws with the window unchanged (an event consumer retries); then moves its end
   * to now, or cancels it by `by` when it had not started.
   */
  async end(windows: SilenceWindowStore, window: SilenceWindowRecord, by: string): Promise<void> {
    const { silences, clock, logger } = this.options;
    const now = clock.now();
    if (window.cancelledAt !== undefined || window.endsAt <= now) return;
    if (window.silenceIds.length && !silences) {
      logger.warn(`Alertmanager is no longer configured: silences ${window.silenceIds.join(', ')} run to their end`);
    }
    for (const silenceId of silences ? window.silenceIds : []) {
      try {
        await silences!.deleteSilence(silenceId);
      } catch (error) {
        throw new ServiceUnavailableError(`Alertmanager did not delete silence ${silenceId}; the window stays: ${error}`);
      }
    }
    if (window.startsAt > now) await windows.cancel(window.id, now, by);
    else await windows.endAt(window.id, now);
  }

  async list(query: { component?: string; limit: number; offset: number }): Promise<Page<SilenceWindow>> {
    const now = this.options.clock.now();
    const component = query.component ? fullRef(query.component, 'component') : undefined;
    const page = await this.options.db.windows.current(now, query, component);
    return { items: page.items.map(w => toApiWindow(w, now)), totalCount: page.totalCount, limit: query.limit, offset: query.offset };
  }

  /** Deletes the silences first: if Alertmanager fails, the window stays as it was (503). */
  async cancel(caller: Caller, id: string): Promise<SilenceWindow> {
    const { db, clock } = this.options;
    const silences = this.gateway();
    const window = await db.windows.get(id);
    if (!window) throw new NotFoundError(`No silence window ${id}`);
    if (window.cancelledAt !== undefined) throw new ConflictError(`The window was cancelled by ${window.cancelledBy}`);
    const now = clock.now();
    if (window.endsAt <= now) throw new ConflictError('The window is already over');
    for (const silenceId of window.silenceIds) {
      try {
        await silences!.deleteSilence(silenceId);
      } catch (error) {
        throw new ServiceUnavailableError(`Alertmanager did not delete silence ${silenceId}; the window stays: ${error}`);
      }
    }
    if (!(await db.windows.cancel(id, now, caller.ref))) throw new ConflictError('The window was cancelled meanwhile');
    return toApiWindow({ ...window, cancelledAt: now, cancelledBy: caller.ref }, now);
  }
}
