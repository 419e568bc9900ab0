import { randomUUID } from 'crypto';
import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type {
  ComponentStore,
  SilenceWindowStore,
} from '../database/MonitoringStore';
import { fullRef } from './AlertQueryService';
import type { Clock } from './clock';
import type { SilenceWindowService } from './SilenceWindowService';

export const PROMOTIONS_ACTOR = 'plugin:promotions';

/** Events after which a promotion's silence has no more reason to be. */
const ENDINGS = new Set([
  'deployment-succeeded',
  'deployment-failed',
  'request-rejected',
  'request-expired',
]);

export interface PromotionSilenceSettings {
  enabled: boolean;
  /** The silence of an approval without a change window lasts at most this long. */
  maxMs: number;
}

export function readPromotionSilenceSettings(
  config: RootConfigService,
): PromotionSilenceSettings {
  return {
    enabled:
      config.getOptionalBoolean('monitoring.promotionSilences.enabled') ?? true,
    maxMs:
      (config.getOptionalNumber('monitoring.promotionSilences.maxMinutes') ??
        60) * 60_000,
  };
}

/** The stores of the consumer's transaction. */
export interface PromotionSilenceStores {
  windows: SilenceWindowStore;
  components: ComponentStore;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The deployment attempt an event names (promotions numbers them from 1); undefined if none. */
function attemptOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1
    ? value
    : undefined;
}

/** The window of one deployment attempt of a promotion request: attempt 1 is the approval's. */
interface PromotionAttempt {
  requestId: string;
  attempt: number;
}

/** A ref the event got wrong is nothing to retry: it gets no silence. */
function componentOf(value: string | undefined): string | undefined {
  try {
    return value ? fullRef(value, 'component') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A promotion's approved change window silences its component in Alertmanager: the deployment
 * is expected to make noise. `request-approved` opens a maintenance window over the change
 * window (or, without one, from now for at most `maxMinutes`: the deployment starts right after
 * the approval); it covers the first deployment attempt. A retry of a failed deployment
 * (`deploy-requested` of attempt 2 and later) opens a window of its own from now to the change
 * window's end, or for at most `maxMinutes`. An attempt's outcome (or the request's end) ends
 * its window. One window per request and attempt (unique), so a redelivered event opens nothing.
 * An Alertmanager error throws: the consumer retries the event later.
 */
export class PromotionSilences {
  constructor(
    private readonly options: {
      windows: SilenceWindowService;
      settings: PromotionSilenceSettings;
      clock: Clock;
      logger: LoggerService;
    },
  ) {}

  async handle(
    event: PorticoEvent,
    stores: PromotionSilenceStores,
  ): Promise<void> {
    const { settings } = this.options;
    const data = (event.data ?? {}) as Record<string, unknown>;
    const requestId = str(data.requestId) ?? event.subject;
    const componentRef = componentOf(str(data.componentRef));
    if (!settings.enabled || !requestId || !componentRef) return;
    const attempt = attemptOf(data.attempt);
    if (event.type === 'request-approved') {
      await this.open(
        event,
        data,
        { requestId, attempt: 1 },
        componentRef,
        stores,
      );
    } else if (
      event.type === 'deploy-requested' &&
      attempt !== undefined &&
      attempt > 1
    ) {
      // The first attempt runs in the approval's window; a retry needs a new one.
      await this.open(
        event,
        data,
        { requestId, attempt },
        componentRef,
        stores,
      );
    } else if (ENDINGS.has(event.type)) {
      // A rejection or an expiry comes before any attempt: it ends the approval's window.
      await this.end(
        { requestId, attempt: attempt ?? 1 },
        componentRef,
        stores,
      );
    }
  }

  private async open(
    event: PorticoEvent,
    data: Record<string, unknown>,
    key: PromotionAttempt,
    componentRef: string,
    stores: PromotionSilenceStores,
  ) {
    const { logger, windows } = this.options;
    const { requestId, attempt } = key;
    if (await stores.windows.byPromotion(requestId, attempt)) return;
    const component = await stores.components.get(componentRef);
    if (!component) {
      logger.info(
        `Promotion ${requestId}: ${componentRef} is not in the monitoring catalog; no maintenance silence`,
      );
      return;
    }
    const { startsAt, endsAt, now } = this.bounds(data, attempt);
    if (endsAt <= now) return;
    const version = str(data.version) ?? '?';
    const target = str(data.toEnvironment) ?? '?';
    const actor = event.actor ?? PROMOTIONS_ACTOR;
    const comment =
      attempt === 1
        ? `Promotion ${requestId}: ${version} to ${target}, approved by ${actor}`
        : `Promotion ${requestId}: ${version} to ${target}, attempt ${attempt} retried by ${actor}`;
    await windows.open(stores.windows, {
      component,
      startsAt,
      endsAt,
      createdBy: actor,
      comment,
      silenceComment: `Deployment of ${component.entityRef} in Portico. ${comment}`,
      promotionRequestId: requestId,
      promotionAttempt: attempt,
    });
  }

  /**
   * The approval silences its change window (the deployment may wait for its start); a retry
   * deploys now, until the change window's end. Without a change window: from now, `maxMinutes`.
   */
  private bounds(data: Record<string, unknown>, attempt: number) {
    const now = this.options.clock.now();
    const change = data.changeWindow as
      | { start?: unknown; end?: unknown }
      | undefined;
    const start = Date.parse(str(change?.start) ?? '');
    const end = Date.parse(str(change?.end) ?? '');
    if (!Number.isFinite(end) || (attempt === 1 && !Number.isFinite(start))) {
      return { now, startsAt: now, endsAt: now + this.options.settings.maxMs };
    }
    return {
      now,
      startsAt: attempt === 1 ? Math.max(start, now) : now,
      endsAt: end,
    };
  }

  private async end(
    key: PromotionAttempt,
    componentRef: string,
    stores: PromotionSilenceStores,
  ) {
    const { clock, windows } = this.options;
    const { requestId, attempt } = key;
    const window = await stores.windows.byPromotion(requestId, attempt);
    if (window) {
      await windows.end(stores.windows, window, PROMOTIONS_ACTOR);
      return;
    }
    // The outcome came first (the opening event's silence failed and waits for a retry, or the
    // topics were delivered out of order): an empty, ended window stands for the attempt, so the
    // late opening event opens nothing.
    const now = clock.now();
    await stores.windows.insert({
      id: randomUUID(),
      componentRef,
      startsAt: now,
      endsAt: now,
      comment: `Promotion ${requestId}${
        attempt === 1 ? '' : ` attempt ${attempt}`
      } ended before its maintenance silence was made`,
      createdBy: PROMOTIONS_ACTOR,
      createdAt: now,
      silenceIds: [],
      promotionRequestId: requestId,
      promotionAttempt: attempt,
    });
  }
}
