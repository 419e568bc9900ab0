import { promises as fs } from 'node:fs';
import { ConfigReader } from '@backstage/config';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createPennylaneInvoicesSyncAction } from './pennylane';
import { createPayfitEmployeesExportAction } from './payfit';
import { createPowerBiPushRowsAction } from './powerbi';

const server = setupServer();
const seen: { method: string; url: URL; body?: string; authorization: string | null }[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  seen.length = 0;
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
server.events.on('request:start', async ({ request }) => {
  const body = request.method === 'GET' ? undefined : await request.clone().text();
  seen.push({ method: request.method, url: new URL(request.url), body, authorization: request.headers.get('authorization') });
});

const config = new ConfigReader({
  portico: {
    integrations: {
      pennylane: { token: 'pl-token', baseUrl: 'https://pennylane.test/api/external/v1' },
      payfit: { token: 'pf-token', companyId: 'company-1', baseUrl: 'https://payfit.test' },
      powerBi: { tenantId: 'tenant-1', clientId: 'pbi-app', clientSecret: 'pbi-s3cret', authorityHost: 'https://login.test', baseUrl: 'https://powerbi.test/v1.0/myorg' },
    },
  },
});
const mockDir = createMockDirectory();

function ctx(input: object, extra: object = {}) {
  mockDir.clear();
  return { ...createMockActionContext({ input: input as any, workspacePath: mockDir.path }), ...extra } as any;
}

describe('pennylane:invoices:sync', () => {
  it('lists customer invoices with the v1 filter over every page and writes them to the workspace', async () => {
    server.use(
      http.get('https://pennylane.test/api/external/v1/customer_invoices', ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        return HttpResponse.json({
          total_pages: 2,
          current_page: page,
          total_invoices: 3,
          invoices: page === 1 ? [{ id: 'inv-1', amount: '100.10' }, { id: 'inv-2', amount: '0.20' }] : [{ id: 'inv-3', amount: '50.00' }],
        });
      }),
    );
    const context = ctx({ since: '2026-12-01', status: ['upcoming', 'late'], outputFile: 'invoices.json' });
    await createPennylaneInvoicesSyncAction({ config }).handler(context);
    expect(seen.map(s => s.url.searchParams.get('page'))).toEqual(['1', '2']);
    expect(JSON.parse(seen[0].url.searchParams.get('filter')!)).toEqual([
      { field: 'date', operator: 'gteq', value: '2026-12-01' },
      { field: 'status', operator: 'in', value: 'upcoming,late' },
    ]);
    expect(seen[0].url.searchParams.get('per_page')).toBe('100');
    expect(seen[0].authorization).toBe('Bearer pl-token');
    expect(JSON.parse(await fs.readFile(`${mockDir.path}/invoices.json`, 'utf8')).map((i: any) => i.id)).toEqual(['inv-1', 'inv-2', 'inv-3']);
    expect(context.output).toHaveBeenCalledWith('count', 3);
    expect(context.output).toHaveBeenCalledWith('totalAmount', '150.30');
  });

  it('refuses an output file outside the workspace, and names the missing key', async () => {
    await expect(createPennylaneInvoicesSyncAction({ config }).handler(ctx({ outputFile: '../x.json' }))).rejects.toThrow(/outside/i);
    await expect(createPennylaneInvoicesSyncAction({ config: new ConfigReader({}) }).handler(ctx({}))).rejects.toThrow(
      'PennyLane is not configured: set portico.integrations.pennylane.token in app-config',
    );
  });
});

describe('payfit:employees:export', () => {
  it('follows nextPageToken and writes a CSV of current employees', async () => {
    server.use(
      http.get('https://payfit.test/companies/company-1/collaborators', ({ request }) =>
        new URL(request.url).searchParams.get('nextPageToken') === 'p2'
          ? HttpResponse.json({
              collaborators: [
                { id: 'c3', firstName: 'Old', lastName: 'Timer', terminationDate: '2020-01-31', contracts: [{ id: 'k3', status: 'ended', startDate: '2018-01-01', endDate: '2020-01-31' }] },
                { id: 'c4', firstName: 'Fixed', lastName: 'Term', contracts: [{ id: 'k4', status: 'ended', startDate: '2019-03-01', endDate: '2019-09-30' }] },
              ],
              meta: { nextPageToken: null },
            })
          : HttpResponse.json({
              collaborators: [
                {
                  id: 'c1',
                  matricule: '00042',
                  firstName: 'Alice',
                  lastName: 'Martin',
                  emails: [{ email: 'a@perso.example', type: 'personal' }, { email: 'alice@contoso.example', type: 'professional' }],
                  teamName: 'Platform',
                  managerId: 'c9',
                  terminationDate: null,
                  contracts: [
                    { id: 'k2', status: 'active', startDate: '2024-02-01', endDate: null },
                    { id: 'k1', status: 'ended', startDate: '2022-09-01', endDate: '2023-08-31' },
                  ],
                },
                { id: 'c2', firstName: 'Bob, Jr', lastName: 'Durand', emails: [{ email: 'bob@contoso.example', type: 'personal' }] },
              ],
              meta: { nextPageToken: 'p2' },
            }),
      ),
    );
    const context = ctx({ outputFile: 'employees.csv' });
    await createPayfitEmployeesExportAction({ config }).handler(context);
    expect(seen.map(s => `${s.url.pathname}?${s.url.searchParams}`)).toEqual([
      '/companies/company-1/collaborators?maxResults=50',
      '/companies/company-1/collaborators?maxResults=50&nextPageToken=p2',
    ]);
    expect(seen[0].authorization).toBe('Bearer pf-token');
    expect(await fs.readFile(`${mockDir.path}/employees.csv`, 'utf8')).toBe(
      [
        'id,matricule,firstName,lastName,email,teamName,managerId,startDate,endDate',
        'c1,00042,Alice,Martin,alice@contoso.example,Platform,c9,2022-09-01,',
        'c2,,"Bob, Jr",Durand,bob@contoso.example,,,,',
        '',
      ].join('\n'),
    );
    expect(context.output).toHaveBeenCalledWith('count', 2);
  });
});

describe('powerbi:dataset:push-rows', () => {
  it('gets an app-only token and posts the rows to the table of the dataset', async () => {
    server.use(
      http.post('https://login.test/tenant-1/oauth2/v2.0/token', () => HttpResponse.json({ token_type: 'Bearer', expires_in: 3599, access_token: 'pbi-token' })),
      http.post('https://powerbi.test/v1.0/myorg/groups/:group/datasets/:dataset/tables/:table/rows', () => HttpResponse.json({})),
    );
    const context = ctx({
      groupId: '2f1c6f5e-0000-4000-8000-000000000001',
      datasetId: '7a9e2b1c-0000-4000-8000-000000000002',
      table: 'Invoices',
      rows: [{ id: 'inv-1', amount: 100.1, extra: 'x' }],
      columns: ['id', 'amount'],
    });
    await createPowerBiPushRowsAction({ config }).handler(context);
    const token = new URLSearchParams(seen[0].body);
    expect(token.get('grant_type')).toBe('client_credentials');
    expect(token.get('scope')).toBe('https://analysis.windows.net/powerbi/api/.default');
    expect(seen[1].url.pathname).toBe(
      '/v1.0/myorg/groups/2f1c6f5e-0000-4000-8000-000000000001/datasets/7a9e2b1c-0000-4000-8000-000000000002/tables/Invoices/rows',
    );
    expect(seen[1].authorization).toBe('Bearer pbi-token');
    expect(JSON.parse(seen[1].body!)).toEqual({ rows: [{ id: 'inv-1', amount: 100.1 }] });
    expect(context.output).toHaveBeenCalledWith('pushed', 1);
  });

  it("says Power BI's OData error", async () => {
    server.use(
      http.post('https://login.test/tenant-1/oauth2/v2.0/token', () => HttpResponse.json({ access_token: 'pbi-token' })),
      http.post('https://powerbi.test/v1.0/myorg/datasets/:dataset/tables/:table/rows', () =>
        HttpResponse.json({ error: { code: 'ItemNotFound', message: "Dataset 7a9e... is not found" } }, { status: 404 }),
      ),
    );
    await expect(
      createPowerBiPushRowsAction({ config }).handler(ctx({ datasetId: '7a9e2b1c-0000-4000-8000-000000000002', table: 'T', rows: [{ a: 1 }] })),
    ).rejects.toThrow('Power BI answered HTTP 404 ItemNotFound');
  });
});
