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

/**
 * A collaborator as `GET /companies/{companyId}/collaborators` returns it (see the README for the sources): names,
 * `emails` with their `type`, `teamName`, `managerId`, `matricule`, `terminationDate` and the `contracts` with
 * their own `startDate`/`endDate`/`status`. There is no job title here (it belongs to the contracts endpoint).
 */
interface Collaborator {
  id: string;
  firstName?: string | null;
  lastName?: string | null;
  matricule?: string | null;
  emails?: Array<{ email?: string | null; type?: string | null } | null> | null;
  managerId?: string | null;
  teamName?: string | null;
  terminationDate?: string | null;
  contracts?: Array<{ id?: string | null; status?: string | null; startDate?: string | null; endDate?: string | null } | null> | null;
  [key: string]: unknown;
}

const COLUMNS = ['id', 'matricule', 'firstName', 'lastName', 'email', 'teamName', 'managerId', 'startDate', 'endDate'];

/** The work address when PayFit has one (professional e-mails exist in some countries only), else the first. */
function emailOf(person: Collaborator): string {
  const emails = (person.emails ?? []).filter((e): e is { email: string; type?: string | null } => Boolean(e?.email));
  return (emails.find(e => /pro|company|work/i.test(e.type ?? '')) ?? emails[0])?.email ?? '';
}

/** First contract start; end = termination date, else the last contract end when every contract has one. */
function employmentOf(person: Collaborator): { startDate: string; endDate: string } {
  const contracts = (person.contracts ?? []).filter(Boolean) as NonNullable<NonNullable<Collaborator['contracts']>[number]>[];
  const starts = contracts.map(c => c.startDate).filter((d): d is string => Boolean(d)).sort();
  const ends = contracts.map(c => c.endDate);
  const lastEnd = ends.length > 0 && ends.every(Boolean) ? (ends as string[]).sort()[ends.length - 1] : '';
  return { startDate: starts[0] ?? '', endDate: person.terminationDate ?? lastEnd };
}

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
      const rows = people
        .map(p => ({ p, employment: employmentOf(p) }))
        .filter(({ employment }) => ctx.input.includeFormer || !employment.endDate || employment.endDate >= today)
        .map(({ p, employment }) => [
          p.id,
          p.matricule ?? '',
          p.firstName ?? '',
          p.lastName ?? '',
          emailOf(p),
          p.teamName ?? '',
          p.managerId ?? '',
          employment.startDate,
          employment.endDate,
        ]);
      await fs.writeFile(file, stringify(rows, { header: true, columns: COLUMNS }));
      ctx.logger.info(`${rows.length} employee(s) written to ${outputFile}`);
      ctx.output('count', rows.length);
      ctx.output('file', outputFile);
    },
  });
}
