import type { Config } from '@backstage/config';
import type { DefinitionLimits } from './service/apis/definition';
import type { KeySettings } from './service/keys/KeyService';

function bounded(config: Config, key: string, fallback: number, min: number, max: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value >= min && value <= max)) {
    throw new Error(`Invalid value ${value} at config key '${key}': expected a number in [${min}, ${max}]`);
  }
  return value;
}

/** `apim.keys`: all optional. */
export function readKeySettings(config: Config): KeySettings {
  return {
    rotationGraceHours: bounded(config, 'apim.keys.rotationGraceHours', 24, 0, 24 * 30),
    expiryNoticeDays: bounded(config, 'apim.keys.expiryNoticeDays', 7, 1, 90),
  };
}

/** `apim.definitions`: limits on the API definitions read from the catalog. */
export function readDefinitionLimits(config: Config): DefinitionLimits {
  return {
    maxBytes: bounded(config, 'apim.definitions.maxBytes', 2 * 1024 * 1024, 1024, 50 * 1024 * 1024),
    maxDepth: bounded(config, 'apim.definitions.maxDepth', 64, 8, 1000),
  };
}
