import { promises as fs } from 'node:fs';
import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeDryRun,
  IntegrationHttpClient,
  readRetryPolicy,
  Redactor,
  requireIntegrationConfig,
} from '@portico/portico-node';
import { workspaceFile } from './workspaceFile';

export const PENNYLANE_SYNC_ACTION_ID = 'pennylane:invoices:sync';
const SYSTEM = 'PennyLane';
const MAX_PAGES = 200;

/** PennyLane v1 filter: a JSON array of { field, operator, value } in the `filter` query parameter. */
type Filter = { field: string; operator: 'eq' | 'lt' | 'gt' | 'lteq' | 'gteq' | 'in'; value: string };

/**
 * Reads customer invoices from PennyLane (GET /customer_invoices, API v1) with a filter, page by page, and writes
 * them to a JSON file in the workspace for the next steps (a Power BI push, a report). Read-only in PennyLane.
 */
export function createPennylaneInvoicesSyncAction(options: { config: Config }) {
  return createTemplateAction({
    id: PENNYLANE_SYNC_ACTION_ID,
    description: 'Lists PennyLane customer invoices (filter, all pages) into a JSON file of the workspace.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Invoices issued since the 1st of the month',
        example: [
          'steps:',
          '  - id: invoices',
          '    action: pennylane:invoices:sync',
          '    input:',
          "      since: '2026-12-01'",
          '      status: [upcoming, late]',
          '      outputFile: invoices.json',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        since: z => z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('Invoices dated on or after (YYYY-MM-DD)'),
        until: z => z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('Invoices dated on or before'),
        status: z => z.array(z.enum(['draft', 'upcoming', 'late', 'paid', 'partially_paid', 'cancelled', 'incomplete', 'archived'])).optional(),
        customerId: z => z.number().int().optional(),
        perPage: z => z.number().int().min(1).max(100).default(100),
        outputFile: z => z.string().default('pennylane-invoices.json').describe('Path in the workspace'),
      },
      output: {
        count: z => z.number(),
        pages: z => z.number(),
        file: z => z.string(),
        totalAmount: z => z.string().describe('Sum of the invoices amounts (currency of the invoices)'),
      },
    },
    async handler(ctx) {
      const filter: Filter[] = [
        ...(ctx.input.since ? [{ field: 'date', operator: 'gteq' as const, value: ctx.input.since }] : []),
        ...(ctx.input.until ? [{ field: 'date', operator: 'lteq' as const, value: ctx.input.until }] : []),
        ...(ctx.input.status?.length ? [{ field: 'status', operator: 'in' as const, value: ctx.input.status.join(',') }] : []),
        ...(ctx.input.customerId ? [{ field: 'customer_id', operator: 'eq' as const, value: String(ctx.input.customerId) }] : []),
      ];
      const outputFile = ctx.input.outputFile ?? 'pennylane-invoices.json';
      const file = workspaceFile(ctx.workspacePath, outputFile);
      if (ctx.isDryRun) {
        describeDryRun(ctx, SYSTEM, [`GET /customer_invoices?filter=${JSON.stringify(filter)} page by page`, `write ${outputFile}`]);
        ctx.output('count', 0);
        ctx.output('pages', 0);
        ctx.output('file', outputFile);
        ctx.output('totalAmount', '0');
        return;
      }
      const section = requireIntegrationConfig(options.config, { system: SYSTEM, key: 'portico.integrations.pennylane', required: ['token'] });
      const token = section.getString('token');
      const client = new IntegrationHttpClient({
        system: SYSTEM,
        baseUrl: section.getOptionalString('baseUrl') ?? 'https://app.pennylane.com/api/external/v1',
        headers: () => ({ Authorization: `Bearer ${token}` }),
        policy: readRetryPolicy(section),
        redactor: new Redactor([token]),
      });
      const invoices: Array<Record<string, unknown>> = [];
      let page = 1;
      let totalPages = 1;
      do {
        const { body } = await client.request<{ invoices: Array<Record<string, unknown>>; total_pages: number; current_page: number }>({
          path: '/customer_invoices',
          query: {
            page,
            per_page: ctx.input.perPage ?? 100,
            ...(filter.length ? { filter: JSON.stringify(filter) } : {}),
          },
          signal: ctx.signal,
        });
        invoices.push(...body.invoices);
        totalPages = body.total_pages;
        page++;
      } while (page <= totalPages && page <= MAX_PAGES);
      if (totalPages > MAX_PAGES) ctx.logger.warn(`Stopped after ${MAX_PAGES} pages of ${totalPages}: narrow the filter`);
      await fs.writeFile(file, JSON.stringify(invoices, null, 2));
      // Amounts are decimal strings in PennyLane; sum in cents to avoid float drift.
      const cents = invoices.reduce((sum, invoice) => sum + Math.round(Number(invoice.amount ?? 0) * 100), 0);
      const totalAmount = (cents / 100).toFixed(2);
      ctx.logger.info(`${invoices.length} invoice(s) from ${Math.min(totalPages, MAX_PAGES)} page(s), total ${totalAmount}, in ${outputFile}`);
      ctx.output('count', invoices.length);
      ctx.output('pages', Math.min(totalPages, MAX_PAGES));
      ctx.output('file', outputFile);
      ctx.output('totalAmount', totalAmount);
    },
  });
}
