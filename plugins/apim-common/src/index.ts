/**
 * APIM contracts shared by the apim frontend, backend and scaffolder actions.
 *
 * REST API of the apim backend (`/api/apim`):
 * - `GET /apis` (listApisQuerySchema) → Page<ApiSummary>; `GET /apis/:namespace/:name` → ApiDetails
 * - `GET /applications` (listApplicationsQuerySchema) → Page<Application>; `POST /applications`
 *   (createApplicationSchema) → 201 Application; `GET|PATCH|DELETE /applications/:id`
 * - `GET /subscriptions` (listSubscriptionsQuerySchema) → Page<Subscription>; `POST /subscriptions`
 *   (createSubscriptionSchema) → 201 Subscription; `GET /subscriptions/:id`;
 *   `POST /subscriptions/:id/{approve|reject|suspend|resume|revoke}` (decisionSchema, rejectionSchema
 *   for reject) → Subscription
 * - `GET /applications/:id/keys` → ApiKeyView[]; `POST /applications/:id/keys` (createKeySchema) → 201
 *   IssuedApiKey; `POST /keys/:id/rotate` (rotateKeySchema) → 201 IssuedApiKey; `POST /keys/:id/revoke`
 *   → ApiKeyView; `POST /keys/verify` (verifyKeySchema, service credentials only) → KeyVerification
 * - Gateway: `GET /gateway/authorize` (nginx auth_request), `POST /gateway/usage`
 *   (gatewayUsageBatchSchema), service credentials named in `apim.gateway.allowedSubjects`;
 *   `GET /applications/:id/usage` and `GET /apis/:namespace/:name/usage` (usageQuerySchema, JSON or
 *   CSV) → { days: UsageDay[] } / ApiUsage, for the application's owners and the API's owners
 * - `POST /try-it` (tryItRequestSchema) → TryItResponse; `POST /code-samples`
 *   (codeSamplesRequestSchema) → { samples: CodeSample[] }
 *
 * Every 400 names the field (`describeZodError`), 401 without credentials, 403 without the permission
 * or the ownership, 404 unknown, 409 illegal state transition (naming the current state).
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './plans';
export * from './types';
export * from './schemas';
export * from './gateway';
