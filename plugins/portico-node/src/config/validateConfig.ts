import type { Config } from '@backstage/config';
import { ConfigSchema, loadConfigSchema } from '@backstage/config-loader';
import { getPackages } from '@manypkg/get-packages';

/**
 * Loads the config schemas (`config.d.ts`) of every package in the backend's workspace and
 * their dependencies, as Backstage does to find secrets.
 */
export async function loadWorkspaceConfigSchema(dir = process.cwd()): Promise<ConfigSchema> {
  const { packages } = await getPackages(dir);
  const schema = await loadConfigSchema({ dependencies: packages.map(p => p.packageJson.name) });
  return loadConfigSchema({ serialized: withoutRequiredKeys(schema.serialize()) });
}

/**
 * Drops `required` from the schemas: a module that is left out until configured (e-mail,
 * Slack) declares its keys as required, and a plugin that needs a key says so itself when it
 * reads it. What remains checks the values that are there: types, enums, formats.
 */
export function withoutRequiredKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutRequiredKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, v]) => !(key === 'required' && Array.isArray(v)))
        .map(([key, v]) => [key, withoutRequiredKeys(v)]),
    ) as T;
  }
  return value;
}

/**
 * Backstage reads config lazily, so a wrong value would otherwise surface late, as an odd
 * failure in the middle of a request. This checks the whole config against the schemas at
 * start-up and throws one error listing every wrong key. Keys without a schema pass.
 */
export function validateConfig(config: Config, schema: ConfigSchema): void {
  try {
    schema.process([{ data: config.getOptional() ?? {}, context: 'app-config' }], {
      ignoreSchemaErrors: false,
    });
  } catch (error) {
    throw new Error(
      `Invalid app-config, the backend will not start. ${(error as Error).message}`,
    );
  }
}
