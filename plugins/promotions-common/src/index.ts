/**
 * Promotion request contracts shared by the promotions frontend, backend and scaffolder action.
 *
 * REST API of the promotions backend (`/api/promotions`), users unless said otherwise:
 * - `GET /settings` → PromotionSettingsView (environment chain, approvals and executor per target)
 * - `GET /requests` (listPromotionsQuerySchema) → Page<PromotionRequest>
 * - `GET /requests/count?awaitingMyApproval=true` → { count }
 * - `POST /requests` (createPromotionSchema) → 201 PromotionRequestDetails
 * - `GET /requests/:id` → PromotionRequestDetails (timeline, attempts, evidence, permittedActions)
 * - `POST /requests/:id/approve` (approvalSchema), `/reject` (rejectionSchema), `/retry` (retrySchema)
 *   → PromotionRequestDetails
 * - `POST /requests/:id/deployment` (deploymentReportSchema), service credentials only: an external
 *   executor's report, idempotent → PromotionRequestDetails
 * - `POST /attempts/:attemptId/verify` (attemptVerificationSchema), the scaffolder only (a task
 *   started by the promotions plugin): the first step of the deployment template checks that the
 *   attempt is approved and not finished, and binds it to its task → VerifiedAttempt
 *
 * 400 names the field, 401 without credentials, 403 without the permission or the tenant role or
 * on one's own request, 404 unknown, 409 an illegal or concurrent transition, naming the state.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './roles';
export * from './schemas';
export * from './types';
export { describeZodError } from '@portico/plugin-portico-common';
