import { promises as fs } from 'node:fs';
import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'csv-stringify/sync';
import {
  describeDryRun,
  IntegrationHttpClient,
  readRetryPolicy,
  Redactor,
  requireIntegrationConfig,
} from '@portico/portico-node';
import { workspaceFile } from './workspaceFile';

export const PAYFIT_EXPORT_ACTION_ID = 'payfit:employees:export';
const SYSTEM = 'PayFit';
const MAX_PAGES = 500;

interface Collaborator {
  id: string;
  firstName?: string;
  lastName?: string;
  emails?: Array<{ email: string; type?: string }>;
  manager?: { id?: string } | null;
  teamName?: string;
  jobTitle?: string;
  contractStartDate?: string;
  contractEndDate?: string;
  [key: string]: unknown;
}

const COLUMNS = ['id', 'firstName', 'lastName', 'email', 'jobTitle', 'teamName', 'contractStartDate', 'contractEndDate'];

/**
 * Exports the company's collaborators from the PayFit partner API (GET /companies/{companyId}/collaborators, pages
 * by `nextPageToken`) to a CSV file in the workspace (an artifact for the next steps or the task's output).
 */
export function createPayfitEmployeesExportAction(options: { config: Config }) {
  return createTemplateAction({
    id: PAYFIT_EXPORT_ACTION_ID,
    description: 'Exports PayFit employees (collaborators) to a CSV file in the workspace.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Export the employees for the HR report',
        example: ['steps:', '  - id: employees', '    action: payfit:employees:export', '    input:', '      outputFile: employees.csv'].join('\n'),
      },
    ],
    schema: {
      input: {
        outputFile: z => z.string().default('payfit-employees.csv').describe('Path in the workspace'),
        includeFormer: z => z.boolean().default(false).describe('Also people whose contract has ended'),
      },
      output: {
        count: z => z.number(),
        file: z => z.string(),
      },
    },
    async handler(ctx) {
      const outputFile = ctx.input.outputFile ?? 'payfit-employees.csv';
      const file = workspaceFile(ctx.workspacePath, outputFile);
      if (ctx.isDryRun) {
        describeDryRun(ctx, SYSTEM, ['GET /companies/{companyId}/collaborators page by page', `write ${outputFile}`]);
        ctx.output('count', 0);
        ctx.output('file', outputFile);
        return;
      }
      const section = requireIntegrationConfig(options.config, { system: SYSTEM, key: 'portico.integrations.payfit', required: ['token', 'companyId'] });
      const token = section.getString('token');
      const companyId = section.getString('companyId');
      const client = new IntegrationHttpClient({
        system: SYSTEM,
        baseUrl: section.getOptionalString('baseUrl') ?? 'https://partner-api.payfit.com',
        headers: () => ({ Authorization: `Bearer ${token}` }),
        policy: readRetryPolicy(section),
        redactor: new Redactor([token]),
      });
      const people: Collaborator[] = [];
      let nextPageToken: string | undefined;
      let pages = 0;
      do {
        const { body } = await client.request<{ collaborators: Collaborator[]; meta?: { nextPageToken?: string | null } }>({
          path: `/companies/${encodeURIComponent(companyId)}/collaborators`,
          query: { maxResults: 50, ...(nextPageToken ? { nextPageToken } : {}) },
          signal: ctx.signal,
        });
        people.push(...body.collaborators);
        nextPageToken = body.meta?.nextPageToken ?? undefined;
        pages++;
      } while (nextPageToken && pages < MAX_PAGES);
      const today = new Date().toISOString().slice(0, 10);
      const kept = ctx.input.includeFormer ? people : people.filter(p => !p.contractEndDate || p.contractEndDate >= today);
      const rows = kept.map(p => [
        p.id,
        p.firstName ?? '',
        p.lastName ?? '',
        p.emails?.find(e => e.type === 'company')?.email ?? p.emails?.[0]?.email ?? '',
        p.jobTitle ?? '',
        p.teamName ?? '',
        p.contractStartDate ?? '',
        p.contractEndDate ?? '',
      ]);
      await fs.writeFile(file, stringify(rows, { header: true, columns: COLUMNS }));
      ctx.logger.info(`${rows.length} employee(s) written to ${outputFile}`);
      ctx.output('count', rows.length);
      ctx.output('file', outputFile);
    },
  });
}
