import type { Config } from '@backstage/config';
import type { ExecutorKind } from '@portico/plugin-promotions-common';
import { readServiceSubjects } from '@portico/portico-node';

export interface TargetSettings {
  environment: string;
  requiredApprovals: number;
  executor: ExecutorKind;
  template: string;
  /** The services that may report deployments to this environment (the external executor). */
  executorSubjects: string[];
  /** Where they are configured, for messages. */
  executorSubjectsKey: string;
}

export interface PromotionSettings {
  environments: string[];
  targets: Map<string, TargetSettings>;
  deploymentTimeoutMs: number;
  retryWindowMs: number;
  followIntervalSeconds: number;
  gates: Map<string, { enabled: boolean; blocking: boolean }>;
}

export const DEFAULT_DEPLOY_TEMPLATE = 'template:default/promotion-deploy';

function bounded(config: Config, key: string, fallback: number, min: number, max: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value >= min && value <= max)) {
    throw new Error(`Invalid value ${value} at config key '${key}': expected a number in [${min}, ${max}]`);
  }
  return value;
}

/** `promotions`: all optional; a wrong value stops the start-up with the key named. */
export function readPromotionSettings(root: Config): PromotionSettings {
  const config = root.getOptionalConfig('promotions');
  const environments = (config?.getOptionalStringArray('environments') ?? ['STAGING', 'PROD']).map(e =>
    e.toUpperCase(),
  );
  if (environments.length < 2 || new Set(environments).size !== environments.length) {
    throw new Error(
      `Invalid value at config key 'promotions.environments': expected at least two distinct environments, got ${environments.join(', ')}`,
    );
  }
  const targetsConfig = config?.getOptionalConfig('targets');
  for (const key of targetsConfig?.keys() ?? []) {
    if (!environments.slice(1).includes(key.toUpperCase())) {
      throw new Error(
        `Invalid key 'promotions.targets.${key}': not a target of the environment chain (${environments.slice(1).join(', ')})`,
      );
    }
  }
  const targets = new Map<string, TargetSettings>();
  for (const environment of environments.slice(1)) {
    const key =
      targetsConfig?.keys().find(k => k.toUpperCase() === environment) ?? environment;
    const prefix = `promotions.targets.${key}`;
    const executor = root.getOptionalString(`${prefix}.executor`) ?? 'scaffolder';
    if (executor !== 'scaffolder' && executor !== 'external') {
      throw new Error(`Invalid value '${executor}' at config key '${prefix}.executor': expected scaffolder or external`);
    }
    targets.set(environment, {
      environment,
      requiredApprovals: bounded(root, `${prefix}.requiredApprovals`, 1, 1, 10),
      executor,
      template: root.getOptionalString(`${prefix}.template`) ?? DEFAULT_DEPLOY_TEMPLATE,
      executorSubjects: readServiceSubjects(root, `${prefix}.executorSubjects`),
      executorSubjectsKey: `${prefix}.executorSubjects`,
    });
  }
  const gates = new Map<string, { enabled: boolean; blocking: boolean }>();
  const gatesConfig = config?.getOptionalConfig('gates');
  for (const id of gatesConfig?.keys() ?? []) {
    gates.set(id, {
      enabled: gatesConfig!.getOptionalBoolean(`${id}.enabled`) ?? true,
      blocking: gatesConfig!.getOptionalBoolean(`${id}.blocking`) ?? false,
    });
  }
  return {
    environments,
    targets,
    deploymentTimeoutMs: bounded(root, 'promotions.deploymentTimeoutMinutes', 30, 1, 24 * 60) * 60_000,
    retryWindowMs: bounded(root, 'promotions.retryWindowHours', 24, 0, 24 * 30) * 3_600_000,
    followIntervalSeconds: bounded(root, 'promotions.followIntervalSeconds', 10, 1, 3600),
    gates,
  };
}
