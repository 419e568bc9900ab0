import { createApiRef } from '@backstage/frontend-plugin-api';
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

export interface SecurityApi {
  listFindings(query: ListFindingsQuery): Promise<Page<Finding>>;
  getFinding(id: string): Promise<FindingDetails>;
  getStats(query?: { componentRef?: string }): Promise<SecurityStats>;
  listRuntimeEvents(query?: {
    componentRef?: string;
    limit?: number;
    offset?: number;
  }): Promise<Page<RuntimeEvent>>;
  triage(
    id: string,
    action: TriageAction,
    options?: { comment?: string; revision?: number },
  ): Promise<FindingDetails>;
  requestRisk(id: string, request: CreateRiskRequest): Promise<FindingDetails>;
  /** Files the service-desk ticket of the finding's (component, vulnerability id), or links to it. */
  fileTicket(id: string): Promise<FindingTicketResult>;
  decideRisk(
    requestId: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<FindingDetails>;
  /** Many findings at once, all or nothing. */
  bulkTriage(request: BulkTriageRequest): Promise<BulkTriageResult>;
  getTrend(query?: {
    days?: number;
    componentRef?: string;
  }): Promise<FindingsTrend>;
  /** `week` such as 2026-W49; the last complete week when absent. */
  getWeeklyReport(week?: string): Promise<WeeklyReport>;
  /** The same report as CSV text. */
  getWeeklyReportCsv(week?: string): Promise<string>;
  /** A Trivy JSON report as uploaded (the server validates it). */
  uploadTrivyReport(report: unknown): Promise<IngestSummary>;
}

export const securityApiRef = createApiRef<SecurityApi>({
  id: 'plugin.security.api',
});
