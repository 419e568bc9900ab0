/**
 * The service desk's shared contracts: types, zod schemas of the REST API, permissions.
 *
 * REST API (`/api/servicedesk`):
 * - GET  /services, GET /services/:slug, PUT /services/:slug (portal admins)
 * - POST /requests (users, and service callers with the seed's body), GET /requests?scope=mine|queue
 * - GET  /requests/:ticketId, POST /requests/:ticketId/{claim,assign,comments,status}
 * - GET  /teams (the caller's teams and their members), GET /reports/sla
 *
 * @packageDocumentation
 */
export * from './types';
export * from './schemas';
export * from './permissions';
export { describeZodError } from '@portico/plugin-portico-common';
