/**
 * The service desk frontend: the service catalog with its request forms, "My requests", the
 * agents' queue, ticket pages, SLA compliance and the services' administration.
 *
 * @packageDocumentation
 */
export { servicedeskPlugin as default } from './plugin';
export { servicedeskApiRef, ServicedeskClient, type ServicedeskApi } from './api';
