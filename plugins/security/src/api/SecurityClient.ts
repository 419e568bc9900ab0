import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  BulkTriageRequest,
  BulkTriageResult,
  CreateRiskRequest,
  FindingsTrend,
  WeeklyReport,
  Finding,
  FindingDetails,
  FindingTicketResult,
  IngestSummary,
  ListFindingsQuery,
  Page,
  RuntimeEvent,
  SecurityStats,
  TriageAction,
} from '@portico/plugin-security-common';
import type { SecurityApi } from './SecurityApi';

function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === '' || value === null) continue;
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Talks to the security backend plugin with the signed-in user's token (through fetchApi). */
export class SecurityClient implements SecurityApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  listFindings(query: ListFindingsQuery): Promise<Page<Finding>> {
    return this.call('GET', `/findings${queryString(query)}`);
  }

  getFinding(id: string): Promise<FindingDetails> {
    return this.call('GET', `/findings/${encodeURIComponent(id)}`);
  }

  getStats(query: { componentRef?: string } = {}): Promise<SecurityStats> {
    return this.call('GET', `/stats${queryString(query)}`);
  }

  listRuntimeEvents(
    query: { componentRef?: string; limit?: number; offset?: number } = {},
  ): Promise<Page<RuntimeEvent>> {
    return this.call('GET', `/runtime-events${queryString(query)}`);
  }

  triage(
    id: string,
    action: TriageAction,
    options: { comment?: string; revision?: number } = {},
  ): Promise<FindingDetails> {
    return this.call('POST', `/findings/${encodeURIComponent(id)}/triage`, {
      action,
      ...options,
    });
  }

  fileTicket(id: string): Promise<FindingTicketResult> {
    return this.call('POST', `/findings/${encodeURIComponent(id)}/ticket`);
  }

  requestRisk(id: string, request: CreateRiskRequest): Promise<FindingDetails> {
    return this.call(
      'POST',
      `/findings/${encodeURIComponent(id)}/risk-requests`,
      request,
    );
  }

  decideRisk(
    requestId: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<FindingDetails> {
    return this.call(
      'POST',
      `/risk-requests/${encodeURIComponent(requestId)}/${decision}`,
      comment ? { comment } : {},
    );
  }

  bulkTriage(request: BulkTriageRequest): Promise<BulkTriageResult> {
    return this.call('POST', '/findings/bulk-triage', request);
  }

  getTrend(
    query: { days?: number; componentRef?: string } = {},
  ): Promise<FindingsTrend> {
    return this.call('GET', `/trend${queryString(query)}`);
  }

  getWeeklyReport(week?: string): Promise<WeeklyReport> {
    return this.call('GET', `/reports/weekly${queryString({ week })}`);
  }

  async getWeeklyReportCsv(week?: string): Promise<string> {
    const response = await this.send(
      'GET',
      `/reports/weekly.csv${queryString({ week })}`,
    );
    return response.text();
  }

  uploadTrivyReport(report: unknown): Promise<IngestSummary> {
    return this.call('POST', '/reports/trivy', report);
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.send(method, path, body);
    return (await response.json()) as T;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<Response> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('security');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers:
        body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}
