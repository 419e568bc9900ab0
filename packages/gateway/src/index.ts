/**
 * Puts a gateway in front of the APIs of Portico's API portal: an nginx configuration that
 * verifies keys with Portico (`auth_request`), enforces the plans' rate limits, and ships its
 * access log back for usage and quotas.
 *
 * @packageDocumentation
 */
export { renderNginxConfig } from './nginx/renderNginxConfig';
export type { NginxGatewayOptions } from './nginx/renderNginxConfig';
export { fetchGatewayRoutes, routesOf } from './routes';
export type { GatewayRoute, RateLimit } from './routes';
export { shipUsage } from './shipUsage';
export { main } from './cli';
