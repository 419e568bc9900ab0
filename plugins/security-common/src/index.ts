/**
 * Security findings contracts shared by the security frontend, backend and scaffolder action.
 *
 * REST API of the security backend (`/api/security`):
 * - `POST /reports/trivy` (trivyReportSchema), `POST /reports/sarif?artifact=` (sarifLogSchema):
 *   service callers named in `security.ingest.allowedSubjects`, or users with
 *   `security.report.ingest` → IngestSummary (201 new, 200 the same payload again)
 * - `POST /falco` (falcoEventSchema): `Authorization: Bearer <security.falco.token>` → FalcoIngestResult
 * - `GET /findings` (listFindingsQuerySchema) → Page<Finding>; `GET /findings/:id` → FindingDetails
 * - `POST /findings/:id/triage` (triageSchema), `POST /findings/:id/risk-requests` (riskRequestSchema)
 * - `POST /findings/:id/ticket` (`security.finding.triage`) → FindingTicketResult: files one service-desk
 *   ticket per (component, vulnerability id), or links the finding to the pair's existing ticket
 * - `POST /risk-requests/:id/approve` (riskDecisionSchema), `/reject` (riskRejectionSchema)
 * - `POST /findings/bulk-triage` (bulkTriageSchema) → BulkTriageResult, all or nothing
 * - `GET /stats` → SecurityStats; `GET /runtime-events` → Page<RuntimeEvent>
 * - `POST /findings/:id/isolations` (isolationRecordSchema): a user with `security.finding.triage`
 *   records the isolation playbook's result → IsolationRecorded (201)
 * - `GET /trend` (trendQuerySchema) → FindingsTrend
 * - `GET /reports/weekly` (weeklyReportQuerySchema) → WeeklyReport; `/reports/weekly.csv` → CSV
 *
 * 400 names the field (a JSON path in a report), 401 without credentials, 403 without the
 * permission, 404 unknown, 409 an illegal or concurrent transition.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './stateMachine';
export * from './permissions';
export * from './schemas';
export * from './isolation';
export {
  describeZodError,
  MAX_PAGE_SIZE,
  type Page,
} from '@portico/plugin-portico-common';
