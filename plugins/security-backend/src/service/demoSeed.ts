import { promises as fs } from 'fs';
import { join } from 'path';
import {
  resolvePackagePath,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { trivyReportSchema } from '@portico/plugin-security-common';
import { SYSTEM_ACTOR } from './events';
import { IngestService, payloadHash } from './IngestService';
import { normalizeTrivy } from './normalize';

/**
 * The embedded demo's reports (`security.demo.seedReports: true`, never in production config):
 * ingested at start-up through the same path as CI's, so a restart is a replay that changes nothing.
 */
export async function seedDemoReports(
  ingest: IngestService,
  logger: LoggerService,
): Promise<void> {
  const dir = resolvePackagePath('@portico/plugin-security-backend', 'demo');
  const files = (await fs.readdir(dir))
    .filter(f => f.endsWith('.trivy.json'))
    .sort();
  for (const file of files) {
    const body = JSON.parse(await fs.readFile(join(dir, file), 'utf8'));
    const summary = await ingest.ingest(
      SYSTEM_ACTOR,
      normalizeTrivy(trivyReportSchema.parse(body)),
      payloadHash('trivy', body),
    );
    if (!summary.duplicate) logger.info(`Security demo: ingested ${file}`);
  }
}
