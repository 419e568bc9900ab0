import type { Config } from '@backstage/config';

export interface RelaySettings {
  intervalSeconds: number;
  batchSize: number;
  /** Batches per pass, so that one pass ends even when events keep coming. */
  maxBatchesPerPass: number;
  leaseSeconds: number;
  backoffInitialSeconds: number;
  backoffMaxSeconds: number;
  /** Failures blamed on an event before it is parked as dead letter. */
  maxAttempts: number;
  retentionDays: number;
}

function positive(config: Config | undefined, key: string, fallback: number, max: number): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value > 0 && value <= max)) {
    throw new Error(`Invalid value ${value} at config key 'portico.events.${key}': expected a number in (0, ${max}]`);
  }
  return value;
}

/** `portico.events`: how the outbox relay runs. All optional. */
export function readRelaySettings(root: Config): RelaySettings {
  const config = root.getOptionalConfig('portico.events');
  const settings = {
    intervalSeconds: positive(config, 'relay.intervalSeconds', 2, 3600),
    batchSize: Math.floor(positive(config, 'relay.batchSize', 500, 5000)),
    maxBatchesPerPass: Math.floor(positive(config, 'relay.maxBatchesPerPass', 40, 1000)),
    leaseSeconds: positive(config, 'relay.leaseSeconds', 60, 3600),
    backoffInitialSeconds: positive(config, 'relay.backoff.initialSeconds', 1, 3600),
    backoffMaxSeconds: positive(config, 'relay.backoff.maxSeconds', 600, 86400),
    maxAttempts: Math.floor(positive(config, 'relay.maxAttempts', 10, 1000)),
    retentionDays: positive(config, 'retentionDays', 7, 3650),
  };
  if (settings.backoffMaxSeconds < settings.backoffInitialSeconds) {
    throw new Error(
      `Invalid value at config key 'portico.events.relay.backoff.maxSeconds': must be at least relay.backoff.initialSeconds`,
    );
  }
  return settings;
}

/** Delay before attempt `attempt` + 1: doubling from the initial delay, up to the cap. */
export function backoffMs(attempt: number, settings: RelaySettings): number {
  const exponent = Math.max(0, attempt - 1);
  const delay = settings.backoffInitialSeconds * 2 ** Math.min(exponent, 30);
  return Math.min(delay, settings.backoffMaxSeconds) * 1000;
}
