import { randomUUID } from 'crypto';
import type { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type { ComponentStore, SilenceWindowStore } from '../database/MonitoringStore';
import { fullRef } from './AlertQueryService';
import type { Clock } from './clock';
import type { SilenceWindowService } from './SilenceWindowService';

export const PROMOTIONS_ACTOR = 'plugin:promotions';

/** Events after which a promotion's silence has no more reason to be. */
const ENDINGS = new Set(['deployment-succeeded', 'deployment-failed', 'request-rejected', 'request-expired']);

export interface PromotionSilenceSettings {
  enabled: boolean;
  /** The silence of an approval without a change window lasts at most this long. */
  maxMs: number;
}

export function readPromotionSilenceSettings(config: RootConfigService): PromotionSilenceSettings {
  return {
    enabled: config.getOptionalBoolean('monitoring.promotionSilences.enabled') ?? true,
    maxMs: (config.getOptionalNumber('monitoring.promotionSilences.maxMinutes') ?? 60) * 60_000,
  };
}

/** The stores of the consumer's transaction. */
export interface PromotionSilenceStores {
  windows: SilenceWindowStore;
  components: ComponentStore;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

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
 * the approval); the deployment's outcome (or the request's end) ends it. One window per request
 * (unique request id), so a redelivered event opens nothing. An Alertmanager error throws: the
 * consumer retries the event later.
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

  async handle(event: PorticoEvent, stores: PromotionSilenceStores): Promise<void> {
    const { settings } = this.options;
    const data = (event.data ?? {}) as Record<string, unknown>;
    const requestId = str(data.requestId) ?? event.subject;
    const componentRef = componentOf(str(data.componentRef));
    if (!settings.enabled || !requestId || !componentRef) return;
    if (event.type === 'request-approved') await this.open(event, data, requestId, componentRef, stores);
    else if (ENDINGS.has(event.type)) await this.end(requestId, componentRef, stores);
  }

  private async open(
    event: PorticoEvent,
    data: Record<string, unknown>,
    requestId: string,
    componentRef: string,
    stores: PromotionSilenceStores,
  ) {
    const { clock, logger, settings, windows } = this.options;
    if (await stores.windows.byPromotionRequest(requestId)) return;
    const component = await stores.components.get(componentRef);
    if (!component) {
      logger.info(`Promotion ${requestId}: ${componentRef} is not in the monitoring catalog; no maintenance silence`);
      return;
    }
    const now = clock.now();
    const change = data.changeWindow as { start?: unknown; end?: unknown } | undefined;
    const start = Date.parse(str(change?.start) ?? '');
    const end = Date.parse(str(change?.end) ?? '');
    const [startsAt, endsAt] = Number.isFinite(start) && Number.isFinite(end)
      ? [Math.max(start, now), end]
      : [now, now + settings.maxMs];
    if (endsAt <= now) return;
    const version = str(data.version) ?? '?';
    const target = str(data.toEnvironment) ?? '?';
    const comment = `Promotion ${requestId}: ${version} to ${target}, approved by ${event.actor ?? PROMOTIONS_ACTOR}`;
    await windows.open(stores.windows, {
      component,
      startsAt,
      endsAt,
      createdBy: event.actor ?? PROMOTIONS_ACTOR,
      comment,
      silenceComment: `Deployment of ${component.entityRef} in Portico. ${comment}`,
      promotionRequestId: requestId,
    });
  }

  private async end(requestId: string, componentRef: string, stores: PromotionSilenceStores) {
    const { clock, windows } = this.options;
    const window = await stores.windows.byPromotionRequest(requestId);
    if (window) {
      await windows.end(stores.windows, window, PROMOTIONS_ACTOR);
      return;
    }
    // The outcome came first (the approval's silence failed and waits for a retry): an empty,
    // ended window stands for the request, so the late approval opens nothing.
    const now = clock.now();
    await stores.windows.insert({
      id: randomUUID(),
      componentRef,
      startsAt: now,
      endsAt: now,
      comment: `Promotion ${requestId} ended before its maintenance silence was made`,
      createdBy: PROMOTIONS_ACTOR,
      createdAt: now,
      silenceIds: [],
      promotionRequestId: requestId,
    });
  }
}
