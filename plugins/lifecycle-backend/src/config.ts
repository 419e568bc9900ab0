import type { Config } from '@backstage/config';

export interface LifecycleSettings {
  /** How often the projection sync runs. */
  syncIntervalSeconds: number;
  /** How often notices, teardowns and their follow-up run. */
  runIntervalSeconds: number;
  /** Template per resource type and operation; `default` applies to types not listed. */
  templates: (type: string | undefined, operation: 'provision' | 'teardown') => string | undefined;
  /** The time hook of the end-to-end test. */
  testClock: boolean;
}

export const DEFAULT_TEARDOWN_TEMPLATE = 'template:default/sandbox-teardown';

function bounded(config: Config | undefined, key: string, fallback: number, min: number, max: number): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value >= min && value <= max)) {
    throw new Error(`Invalid value ${value} at config key 'lifecycle.${key}': expected a number in [${min}, ${max}]`);
  }
  return value;
}

/** `lifecycle`: all optional; a wrong value stops the start-up with the key named. */
export function readLifecycleSettings(root: Config, env: NodeJS.ProcessEnv = process.env): LifecycleSettings {
  const config = root.getOptionalConfig('lifecycle');
  const testClock = config?.getOptionalBoolean('testHooks.clock') ?? false;
  if (testClock && env.NODE_ENV === 'production') {
    throw new Error(
      "Invalid value at config key 'lifecycle.testHooks.clock': the test time hook is refused when NODE_ENV is production",
    );
  }
  const types = config?.getOptionalConfig('resourceTypes');
  const templateOf = (type: string, operation: 'provision' | 'teardown') =>
    types?.getOptionalConfig(type)?.getOptionalString(`${operation}Template`);
  // A type is listed or not: `has(type)` would throw (a 500) on a type that is no valid config key
  // ('a--b', from a request body or an entity), and read a dotted one as a path.
  const listed = new Set(types?.keys() ?? []);
  return {
    syncIntervalSeconds: bounded(config, 'syncIntervalSeconds', 30, 1, 3600),
    runIntervalSeconds: bounded(config, 'runIntervalSeconds', 30, 1, 3600),
    templates: (type, operation) =>
      (type && listed.has(type) ? templateOf(type, operation) : undefined) ??
      templateOf('default', operation) ??
      (operation === 'teardown' ? DEFAULT_TEARDOWN_TEMPLATE : undefined),
    testClock,
  };
}
