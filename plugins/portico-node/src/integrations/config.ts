import type { Config } from '@backstage/config';
import { IntegrationNotConfiguredError } from './errors';

/**
 * Reads one outside system's section of app-config (`portico.integrations.<system>`), failing with the first
 * missing key by its full name. Optional keys are read by the caller from the returned section.
 */
export function requireIntegrationConfig(
  config: Config,
  options: { system: string; key: string; required: readonly string[] },
): Config {
  const section = config.getOptionalConfig(options.key);
  for (const name of options.required) {
    const value = section?.getOptional(name);
    if (value === undefined || value === null || value === '') {
      throw new IntegrationNotConfiguredError(options.system, `${options.key}.${name}`);
    }
  }
  return section!;
}

/** Whether `requireIntegrationConfig` would pass: for listings that say "not configured" before anyone starts. */
export function isIntegrationConfigured(
  config: Config,
  options: { key: string; required: readonly string[] },
): boolean {
  const section = config.getOptionalConfig(options.key);
  return (
    !!section &&
    options.required.every(name => {
      const value = section.getOptional(name);
      return value !== undefined && value !== null && value !== '';
    })
  );
}

/** Timeout and retry settings every integration section may carry (`timeoutSeconds`, `retries`). */
export function readRetryPolicy(
  section: Config | undefined,
  defaults: { timeoutSeconds?: number; retries?: number } = {},
): { timeoutMs: number; retries: number } {
  return {
    timeoutMs: (section?.getOptionalNumber('timeoutSeconds') ?? defaults.timeoutSeconds ?? 30) * 1000,
    retries: section?.getOptionalNumber('retries') ?? defaults.retries ?? 3,
  };
}
