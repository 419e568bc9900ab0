import type { Config } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';

/**
 * Reads the same app-config the backend will load (files from the command line or the
 * defaults, and APP_CONFIG_ variables), before the backend starts, so that `index.ts` can
 * leave out modules whose config is absent ("off until configured").
 */
export async function readStartupConfig(argv: string[] = process.argv): Promise<Config> {
  const config = await ConfigSources.toConfig(ConfigSources.default({ argv, watch: false }));
  config.close();
  return config;
}
