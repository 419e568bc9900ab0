import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CreateRiskRequest,
  Finding,
  FindingDetails,
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
  decideRisk(
    requestId: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<FindingDetails>;
  /** A Trivy JSON report as uploaded (the server validates it). */
  uploadTrivyReport(report: unknown): Promise<IngestSummary>;
}

export const securityApiRef = createApiRef<SecurityApi>({
  id: 'plugin.security.api',
});
