/**
 * Security findings in the portal: the `/security` page, a finding's page, the Security tab and
 * card of components.
 *
 * @packageDocumentation
 */
export { securityPlugin as default } from './plugin';
export { securityApiRef, SecurityClient, type SecurityApi } from './api';
