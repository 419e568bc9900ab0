import fs from 'fs/promises';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeZodError,
  SEVERITIES,
  trivyReportSchema,
  type Counts,
} from '@portico/plugin-security-common';
import type { SecurityClient } from './SecurityClient';

export const TRIVY_INGEST_ACTION_ID = 'security:trivy:ingest';

/** Above the security backend's default body limit there is no point reading further. */
const MAX_REPORT_BYTES = 20 * 1024 * 1024;

const total = (counts: Counts) =>
  SEVERITIES.reduce((sum, s) => sum + counts[s], 0);
const bySeverity = (counts: Counts) =>
  SEVERITIES.filter(s => counts[s])
    .map(s => `${counts[s]} ${s}`)
    .join(', ') || 'none';

async function readReport(workspacePath: string, reportPath: string) {
  let file: string;
  try {
    file = resolveSafeChildPath(workspacePath, reportPath);
  } catch {
    throw new InputError(
      `reportPath: ${reportPath} is outside the task's workspace`,
    );
  }
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) {
    throw new InputError(
      `reportPath: no file ${reportPath} in the task's workspace`,
    );
  }
  if (stat.size > MAX_REPORT_BYTES) {
    throw new InputError(
      `reportPath: ${reportPath} is larger than ${MAX_REPORT_BYTES} bytes`,
    );
  }
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new InputError(
      `reportPath: ${reportPath} is not JSON (${(error as Error).message})`,
    );
  }
}

/**
 * Posts a Trivy JSON report (a file the template wrote into its workspace, or the report itself)
 * to the security backend as the template's user, who needs `security.report.ingest`. The report
 * is checked here first, so a dry run says what is wrong without calling anyone; the backend
 * checks it again and is idempotent (the same report twice changes nothing).
 */
export function createSecurityTrivyIngestAction(
  options: { client?: SecurityClient } = {},
) {
  return createTemplateAction({
    id: TRIVY_INGEST_ACTION_ID,
    description:
      'Ingests a Trivy JSON report (`trivy image --format json`) into the security findings, as the template user.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Ingest the report a previous step wrote into the workspace',
        example: [
          'steps:',
          '  - id: ingest',
          '    name: Ingest the scan',
          `    action: ${TRIVY_INGEST_ACTION_ID}`,
          '    input:',
          '      reportPath: ./trivy-report.json',
        ].join('\n'),
      },
      {
        description: 'Ingest a report given as a parameter (JSON)',
        example: [
          'steps:',
          '  - id: ingest',
          '    name: Ingest the scan',
          `    action: ${TRIVY_INGEST_ACTION_ID}`,
          '    input:',
          '      report: ${{ parameters.report | parseJson }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        reportPath: z =>
          z
            .string()
            .min(1)
            .max(1024)
            .optional()
            .describe(
              "Path of the report in the task's workspace (one of reportPath, report)",
            ),
        report: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe('The report itself (one of reportPath, report)'),
      },
      output: {
        scanId: z => z.string().describe('The scan the report became'),
        duplicate: z =>
          z
            .boolean()
            .describe('True when the same report had been ingested already'),
        artifact: z => z.string().describe('The image the report is about'),
        componentRef: z =>
          z
            .string()
            .optional()
            .describe('The component that names the image, if any'),
        opened: z => z.number().describe('Findings opened'),
        fixed: z => z.number().describe('Findings fixed by this scan'),
        summary: z => z.string().describe('One line of what changed'),
        url: z =>
          z.string().describe('The findings of the image in the portal'),
      },
    },
    async handler(ctx) {
      const { reportPath, report } = ctx.input;
      if ((reportPath === undefined) === (report === undefined)) {
        throw new InputError('reportPath or report: give exactly one of them');
      }
      const body = report ?? (await readReport(ctx.workspacePath, reportPath!));
      const parsed = trivyReportSchema.safeParse(body);
      if (!parsed.success) {
        throw new InputError(
          `${
            reportPath ? 'reportPath' : 'report'
          }: not a Trivy JSON report: ${describeZodError(parsed.error)}`,
        );
      }
      const artifact = parsed.data.ArtifactName;
      const url = `/security?artifact=${encodeURIComponent(artifact)}`;
      if (ctx.isDryRun || !options.client) {
        const found = (parsed.data.Results ?? []).reduce(
          (n, r) =>
            n +
            (r.Vulnerabilities?.length ?? 0) +
            (r.Misconfigurations?.length ?? 0) +
            (r.Secrets?.length ?? 0),
          0,
        );
        const summary = `Dry run: would ingest the Trivy report of ${artifact} (${found} findings)`;
        ctx.logger.info(summary);
        ctx.output('scanId', 'dry-run');
        ctx.output('duplicate', false);
        ctx.output('artifact', artifact);
        ctx.output('opened', 0);
        ctx.output('fixed', 0);
        ctx.output('summary', summary);
        ctx.output('url', url);
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const result = await options.client.ingestTrivyReport(body, {
        credentials,
        signal: ctx.signal,
      });
      const summary = result.duplicate
        ? `The report of ${artifact} was ingested already (scan ${result.scanId}); nothing changed`
        : `Scan ${result.scanId} of ${artifact}: opened ${bySeverity(
            result.opened,
          )}; fixed ${bySeverity(result.fixed)}; reopened ${bySeverity(
            result.reopened,
          )}`;
      ctx.logger.info(summary);
      ctx.output('scanId', result.scanId);
      ctx.output('duplicate', result.duplicate);
      ctx.output('artifact', result.artifact);
      if (result.componentRef) ctx.output('componentRef', result.componentRef);
      ctx.output('opened', total(result.opened));
      ctx.output('fixed', total(result.fixed));
      ctx.output('summary', summary);
      ctx.output('url', url);
    },
  });
}
