/**
 * Portico's sign-in: the local demo sign-in (pick any catalog user, no password) and OIDC
 * sign-in limited to the allowed e-mail domains.
 *
 * @packageDocumentation
 */
export { authModuleDemoProvider as default } from './module';
export { decideDemoSignIn, DEMO_USER_HEADER } from './service/demoSignInPolicy';
export { authModulePorticoOidcProvider } from './oidc/oidcModule';
export {
  ALLOWED_EMAIL_DOMAINS_KEY,
  createAllowedDomainSignInResolver,
  readAllowedEmailDomains,
} from './oidc/allowedEmailDomains';
