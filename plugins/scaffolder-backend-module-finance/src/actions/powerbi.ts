import { promises as fs } from 'node:fs';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeDryRun,
  IntegrationHttpClient,
  IntegrationHttpError,
  readRetryPolicy,
  Redactor,
  requireIntegrationConfig,
  retryingFetch,
  runStep,
  vendorError,
} from '@portico/portico-node';
import { workspaceFile } from './workspaceFile';

export const POWERBI_PUSH_ACTION_ID = 'powerbi:dataset:push-rows';
const SYSTEM = 'Power BI';
/** Power BI push datasets take at most 10,000 rows per POST. */
const BATCH = 10_000;

/** An app-only token for the Power BI API (client credentials at the Entra token endpoint). */
async function powerBiToken(section: Config, redactor: Redactor, signal?: AbortSignal): Promise<string> {
  const authority = (section.getOptionalString('authorityHost') ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const response = await retryingFetch(
    `${authority}/${encodeURIComponent(section.getString('tenantId'))}/oauth2/v2.0/token`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: section.getString('clientId'),
        client_secret: section.getString('clientSecret'),
        scope: 'https://analysis.windows.net/powerbi/api/.default',
      }).toString(),
      signal,
    },
    readRetryPolicy(section),
  );
  const body = (await response.json().catch(() => ({}))) as any;
  if (!response.ok || !body.access_token) {
    const message = body.error_description ?? vendorError(body, response.statusText).message;
    throw new IntegrationHttpError('Microsoft Entra (Power BI token)', response.status, redactor.redact(String(message)).slice(0, 300), body.error);
  }
  return body.access_token;
}

/**
 * Adds rows to a table of a Power BI push dataset (POST .../datasets/{id}/tables/{table}/rows), in batches of
 * 10,000, each batch a checkpoint so a retried task does not push it twice.
 */
export function createPowerBiPushRowsAction(options: { config: Config }) {
  return createTemplateAction({
    id: POWERBI_PUSH_ACTION_ID,
    description: 'Pushes rows to a table of a Power BI push dataset.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Push the day\'s invoices to the finance dashboard',
        example: [
          'steps:',
          '  - id: push',
          '    action: powerbi:dataset:push-rows',
          '    input:',
          '      groupId: 2f1c6f5e-0000-4000-8000-000000000001',
          '      datasetId: 7a9e2b1c-0000-4000-8000-000000000002',
          '      table: Invoices',
          '      rowsFile: invoices.json',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        groupId: z => z.string().uuid().optional().describe('Workspace id; absent: My workspace'),
        datasetId: z => z.string().uuid(),
        table: z => z.string().min(1).max(100),
        rows: z => z.array(z.record(z.string(), z.unknown())).optional().describe('Rows as objects'),
        rowsFile: z => z.string().optional().describe('A JSON array of rows in the workspace (e.g. from pennylane:invoices:sync)'),
        columns: z => z.array(z.string()).optional().describe('Keep only these fields of each row'),
      },
      output: {
        pushed: z => z.number(),
        batches: z => z.number(),
      },
    },
    async handler(ctx) {
      const { groupId, datasetId, table } = ctx.input;
      let rows = ctx.input.rows;
      if (!rows && ctx.input.rowsFile) {
        const text = await fs.readFile(workspaceFile(ctx.workspacePath, ctx.input.rowsFile), 'utf8');
        const parsed = JSON.parse(text);
        if (!Array.isArray(parsed)) throw new InputError('rowsFile: a JSON array of rows');
        rows = parsed;
      }
      if (!rows) throw new InputError('rows: give rows or rowsFile');
      const columns = ctx.input.columns;
      const shaped = columns ? rows.map(r => Object.fromEntries(columns.map(c => [c, r[c] ?? null]))) : rows;
      const path = `${groupId ? `/groups/${groupId}` : ''}/datasets/${datasetId}/tables/${encodeURIComponent(table)}/rows`;
      const batches = Math.ceil(shaped.length / BATCH);
      if (ctx.isDryRun) {
        describeDryRun(ctx, SYSTEM, [`POST ${path} with ${shaped.length} row(s) in ${batches} batch(es)`]);
        ctx.output('pushed', 0);
        ctx.output('batches', batches);
        return;
      }
      const section = requireIntegrationConfig(options.config, {
        system: SYSTEM,
        key: 'portico.integrations.powerBi',
        required: ['tenantId', 'clientId', 'clientSecret'],
      });
      const redactor = new Redactor([section.getString('clientSecret')]);
      let token: string | undefined;
      const client = new IntegrationHttpClient({
        system: SYSTEM,
        baseUrl: section.getOptionalString('baseUrl') ?? 'https://api.powerbi.com/v1.0/myorg',
        headers: async () => {
          token ??= await powerBiToken(section, redactor, ctx.signal);
          return { Authorization: `Bearer ${token}` };
        },
        policy: readRetryPolicy(section),
        redactor,
      });
      for (let i = 0; i < batches; i++) {
        await runStep(ctx, `powerbi.push-rows.${datasetId}.${table}.${ctx.task.id}.${i}`, async () => {
          await client.request({ method: 'POST', path, body: { rows: shaped.slice(i * BATCH, (i + 1) * BATCH) }, signal: ctx.signal });
        });
      }
      ctx.logger.info(`${shaped.length} row(s) pushed to ${table} in ${batches} batch(es)`);
      ctx.output('pushed', shaped.length);
      ctx.output('batches', batches);
    },
  });
}
